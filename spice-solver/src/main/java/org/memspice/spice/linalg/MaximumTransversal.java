package org.memspice.spice.linalg;

import java.util.Arrays;

/**
 * A structural maximum transversal: a row for every column such that the entry is in the pattern
 * and no row serves two columns (Duff's algorithm as CSparse's cs_maxtrans: a cheap assignment,
 * then depth-first augmenting paths, iteratively so that two million columns need no deep stack).
 */
final class MaximumTransversal {
    private MaximumTransversal() {
    }

    /** The row paired with each column, or null when the pattern is structurally singular (no full transversal). */
    static int[] rowOfEachColumn(int n, int[] ap, int[] ai) {
        int[] rowOf = new int[n];
        int[] colOf = new int[n];
        Arrays.fill(rowOf, -1);
        Arrays.fill(colOf, -1);
        // cheap assignment: the diagonal first (MNA's usual pairing), then any free row
        int matched = 0;
        for (int j = 0; j < n; j++) {
            for (int p = ap[j]; p < ap[j + 1]; p++) {
                if (ai[p] == j && colOf[j] < 0) {
                    rowOf[j] = j;
                    colOf[j] = j;
                    matched++;
                    break;
                }
            }
        }
        for (int j = 0; j < n && matched < n; j++) {
            if (rowOf[j] >= 0) {
                continue;
            }
            for (int p = ap[j]; p < ap[j + 1]; p++) {
                if (colOf[ai[p]] < 0) {
                    rowOf[j] = ai[p];
                    colOf[ai[p]] = j;
                    matched++;
                    break;
                }
            }
        }
        if (matched == n) {
            return rowOf;
        }
        int[] stack = new int[n];
        int[] next = new int[n];
        int[] rowOnPath = new int[n];
        int[] visited = new int[n];
        int stamp = 0;
        for (int start = 0; start < n; start++) {
            if (rowOf[start] >= 0) {
                continue;
            }
            stamp++;
            int head = 0;
            stack[0] = start;
            next[start] = ap[start];
            boolean found = false;
            while (head >= 0 && !found) {
                int j = stack[head];
                int p = next[j];
                int end = ap[j + 1];
                boolean descended = false;
                for (; p < end; p++) {
                    int i = ai[p];
                    if (visited[i] == stamp) {
                        continue;
                    }
                    visited[i] = stamp;
                    rowOnPath[head] = i;
                    if (colOf[i] < 0) {
                        found = true;
                        break;
                    }
                    next[j] = p + 1;
                    int k = colOf[i];
                    stack[++head] = k;
                    next[k] = ap[k];
                    descended = true;
                    break;
                }
                if (!found && !descended) {
                    head--;
                }
            }
            if (!found) {
                return null;
            }
            // flip the path: every column on it takes the row it reached
            for (int h = head; h >= 0; h--) {
                int j = stack[h];
                int i = rowOnPath[h];
                rowOf[j] = i;
                colOf[i] = j;
            }
        }
        return rowOf;
    }
}
