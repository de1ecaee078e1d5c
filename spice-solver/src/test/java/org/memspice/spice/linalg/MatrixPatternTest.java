package org.memspice.spice.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The compiled pattern against a plain sorted-set construction of the same reservations. */
class MatrixPatternTest {
    @Test
    void compilesRepeatedUnsortedReservationsToSortedColumnsWithDiagonals() {
        Random random = new Random(15);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + random.nextInt(trial < 100 ? 8 : 120);
            int count = random.nextInt(6 * n + 1) + (trial % 10 == 0 ? 40 * n : 0); // some dense columns
            // room made for none, for all and for a third of the reservations: the same pattern
            int expected = trial % 3 == 0 ? 0 : trial % 3 == 1 ? count : count / 3;
            MatrixPattern pattern = trial % 4 == 0 ? new MatrixPattern(n) : new MatrixPattern(n, expected);
            List<int[]> reserved = new ArrayList<>();
            List<Integer> handles = new ArrayList<>();
            for (int k = 0; k < count; k++) {
                int row = random.nextInt(n + 1);
                int col = random.nextInt(4) == 0 ? row : random.nextInt(n + 1);
                reserved.add(new int[] {row, col});
                handles.add(pattern.reserve(row, col));
            }
            pattern.compile();
            // reference: per column, the sorted distinct rows (0-based) with the diagonal
            List<TreeSet<Integer>> columns = new ArrayList<>();
            for (int c = 0; c < n; c++) {
                TreeSet<Integer> rows = new TreeSet<>();
                rows.add(c);
                columns.add(rows);
            }
            for (int[] rc : reserved) {
                if (rc[0] > 0 && rc[1] > 0) {
                    columns.get(rc[1] - 1).add(rc[0] - 1);
                }
            }
            int[] cp = new int[n + 1];
            List<Integer> ri = new ArrayList<>();
            for (int c = 0; c < n; c++) {
                ri.addAll(columns.get(c));
                cp[c + 1] = ri.size();
            }
            assertArrayEquals(cp, pattern.columnPointers());
            assertArrayEquals(ri.stream().mapToInt(Integer::intValue).toArray(), pattern.rowIndices());
            for (int k = 0; k < reserved.size(); k++) {
                int[] rc = reserved.get(k);
                int h = handles.get(k);
                if (rc[0] == 0 || rc[1] == 0) {
                    assertEquals(MatrixPattern.TRASH, h);
                    continue;
                }
                int p = pattern.position(h);
                assertEquals(rc[0] - 1, pattern.rowIndices()[p]);
                assertEquals(true, p >= cp[rc[1] - 1] && p < cp[rc[1]]);
            }
            int[] diagonals = pattern.diagonalPositions();
            for (int u = 1; u <= n; u++) {
                assertEquals(u - 1, pattern.rowIndices()[diagonals[u]]);
                assertEquals(diagonals[u], pattern.diagonalPosition(u));
            }
            assertEquals(ri.size(), pattern.position(MatrixPattern.TRASH));
        }
    }
}
