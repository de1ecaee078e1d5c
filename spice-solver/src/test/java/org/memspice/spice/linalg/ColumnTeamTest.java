package org.memspice.spice.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The team's contract on a synthetic recurrence: column k is column k − 1 plus column k − 7 plus
 * one, kept in a plain array, so a worker that read a column before it was published, or saw a
 * stale value, would give a wrong sum.
 */
class ColumnTeamTest {
    private static final int N = 3000;

    /** Computes the recurrence; fails at column {@code failAt} (or throws there) when asked. */
    private static final class Recurrence implements ColumnTeam.Worker {
        final ColumnTeam team;
        final long[] value;
        final int failAt;
        final boolean throwInstead;
        final AtomicInteger inside;
        final AtomicInteger abandoned;

        Recurrence(ColumnTeam team, long[] value, int failAt, boolean throwInstead, AtomicInteger inside,
                AtomicInteger abandoned) {
            this.team = team;
            this.value = value;
            this.failAt = failAt;
            this.throwInstead = throwInstead;
            this.inside = inside;
            this.abandoned = abandoned;
        }

        @Override
        public boolean columns(int from, int to) {
            inside.incrementAndGet();
            try {
                for (int k = from; k < to; k++) {
                    if (k == failAt) {
                        if (throwInstead) {
                            throw new IllegalStateException("column " + k);
                        }
                        return false;
                    }
                    long v = 1;
                    if (k >= 1) {
                        team.await(k - 1);
                        v += value[k - 1];
                    }
                    if (k >= 7) {
                        team.await(k - 7);
                        v += value[k - 7];
                    }
                    value[k] = v;
                    team.publish(k);
                }
                return true;
            } finally {
                inside.decrementAndGet();
            }
        }

        @Override
        public void abandon() {
            abandoned.incrementAndGet();
        }
    }

    private static long[] expected() {
        long[] e = new long[N];
        for (int k = 0; k < N; k++) {
            e[k] = 1 + (k >= 1 ? e[k - 1] : 0) + (k >= 7 ? e[k - 7] : 0);
        }
        return e;
    }

    /** Random cuts into units of 1 to 40 columns. */
    private static int[] cuts(Random r) {
        int[] start = new int[N + 1];
        int units = 0;
        for (int k = 0; k < N;) {
            k = Math.min(N, k + 1 + r.nextInt(40));
            start[++units] = k;
        }
        return java.util.Arrays.copyOf(start, units + 1);
    }

    private static Recurrence[] workers(ColumnTeam team, long[] value, int count, int failAt, boolean throwInstead,
            AtomicInteger inside, AtomicInteger abandoned) {
        Recurrence[] w = new Recurrence[count];
        for (int i = 0; i < count; i++) {
            w[i] = new Recurrence(team, value, failAt, throwInstead, inside, abandoned);
        }
        return w;
    }

    @Test
    void everyColumnSeesTheColumnsItWaitedFor() {
        Random r = new Random(7);
        long[] expected = expected();
        for (int trial = 0; trial < 40; trial++) {
            ColumnTeam team = new ColumnTeam(N, cuts(r));
            for (int run = 0; run < 3; run++) { // the same team again: a new epoch each run
                long[] value = new long[N];
                AtomicInteger inside = new AtomicInteger();
                assertTrue(team.run(workers(team, value, 2 + trial % 3, -1, false, inside, new AtomicInteger())));
                assertEquals(0, inside.get(), "a worker still inside after run returned");
                assertArrayEquals(expected, value, "trial " + trial + " run " + run);
            }
        }
    }

    @Test
    void aFailedColumnStopsTheTeamAndRunReturnsOnlyWhenEveryWorkerLeft() {
        Random r = new Random(11);
        long[] expected = expected();
        for (int trial = 0; trial < 20; trial++) {
            ColumnTeam team = new ColumnTeam(N, cuts(r));
            AtomicInteger inside = new AtomicInteger();
            AtomicInteger abandoned = new AtomicInteger();
            long[] value = new long[N];
            assertFalse(team.run(workers(team, value, 3, 1500, false, inside, abandoned)));
            assertEquals(0, inside.get(), "a worker still inside after run returned");
            // the team works again after a failure
            long[] again = new long[N];
            assertTrue(team.run(workers(team, again, 3, -1, false, inside, new AtomicInteger())));
            assertArrayEquals(expected, again);
        }
    }

    @Test
    void anExceptionInAWorkerIsThrownByRun() {
        ColumnTeam team = new ColumnTeam(N, cuts(new Random(3)));
        AtomicInteger inside = new AtomicInteger();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> team.run(workers(team, new long[N], 2, 900, true, inside, new AtomicInteger())));
        assertEquals("column 900", e.getMessage());
        assertEquals(0, inside.get());
    }

    /** Teams running at once share the spare processors: a team whose helpers are refused does every unit itself. */
    @Test
    void teamsRunningAtOnceEachFinish() throws Exception {
        long[] expected = expected();
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<long[]>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                Random r = new Random(100 + t);
                results.add(callers.submit(() -> {
                    ColumnTeam team = new ColumnTeam(N, cuts(r));
                    long[] value = new long[N];
                    assertTrue(team.run(workers(team, value, 3, -1, false, new AtomicInteger(), new AtomicInteger())));
                    return value;
                }));
            }
            for (java.util.concurrent.Future<long[]> f : results) {
                assertArrayEquals(expected, f.get());
            }
        } finally {
            callers.shutdownNow();
        }
    }

    /**
     * Two chains of three columns (0-1-2 and 3-4-5) under a root 6: within the share each chain is
     * a unit, the root one of its own; a larger share merges the chains; a group is not split.
     */
    @Test
    void unitsFollowTheEliminationTree() {
        int[] parent = {1, 2, 6, 4, 5, 6, -1};
        double[] cost = {1, 1, 1, 1, 1, 1, 10};
        assertArrayEquals(new int[] {0, 3, 6, 7}, ColumnTeam.alongTree(parent, cost, null, 4, 3.5).cuts());
        assertArrayEquals(new int[] {0, 6, 7}, ColumnTeam.alongTree(parent, cost, null, 4, 6.5).cuts());
        // a share below every column's cost: each column its own unit
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7}, ColumnTeam.alongTree(parent, cost, null, 4, 0.5).cuts());
        boolean[] groups = new boolean[7];
        groups[5] = true; // columns 5 and 6 factored together (groups of two here)
        assertArrayEquals(new int[] {0, 3, 7}, ColumnTeam.alongTree(parent, cost, groups, 2, 3.5).cuts());
        groups[5] = false;
        groups[0] = true; // 0 and 1 inside the first chain's unit
        assertArrayEquals(new int[] {0, 3, 6, 7}, ColumnTeam.alongTree(parent, cost, groups, 2, 3.5).cuts());
    }

    @Test
    void unitsMustCoverTheColumns() {
        assertThrows(IllegalArgumentException.class, () -> new ColumnTeam(10, new int[] {0, 5}));
        assertThrows(IllegalArgumentException.class, () -> new ColumnTeam(10, new int[] {1, 10}));
    }
}
