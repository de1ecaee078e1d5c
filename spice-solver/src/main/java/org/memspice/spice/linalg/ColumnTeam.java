package org.memspice.spice.linalg;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The columns of one left-looking factorization shared among threads. The columns are cut into
 * units of consecutive columns ({@code unitStart}); each thread takes the next unit not yet taken,
 * factors its columns in order and publishes each column as it finishes it. A column is updated
 * only by earlier columns, so before a thread reads an earlier column it waits until that column
 * is published ({@link #await}): a unit runs alongside the one before it as far as their columns
 * allow (the dense top of a factor pipelines column by column, independent subtrees run side by
 * side). The lowest unfinished column's updates are all finished, so the team never deadlocks.
 *
 * <p>A worker that finds a pivot too small stops the team: every worker leaves the unit it is in
 * ({@link Abandoned} out of a wait) with its scratch clean, and {@link #run} returns false.
 */
final class ColumnTeam {
    /** One thread's share: factors columns and publishes each. */
    interface Worker {
        /**
         * Factors columns from..to-1 in order, calling {@link #publish} for each and {@link #await}
         * before reading an earlier column; false for a pivot too small, with its scratch left clean.
         */
        boolean columns(int from, int to);

        /** Leaves the worker's scratch clean after a unit left part way ({@link Abandoned}). */
        void abandon();
    }

    /** Thrown out of {@link #await} when another worker failed: the waiting unit is given up. */
    static final class Abandoned extends RuntimeException {
        private static final long serialVersionUID = 1;

        private Abandoned() {
            super(null, null, false, false);
        }
    }

    private static final Abandoned ABANDONED = new Abandoned();
    private static final VarHandle DONE = MethodHandles.arrayElementVarHandle(byte[].class);
    /** Waits spin this many times before they yield the processor on each further look. */
    private static final int SPINS = 1 << 12;
    private static ExecutorService pool;
    /** Helpers running in all teams, and at most how many: the processors beyond the callers' own. */
    private static final AtomicInteger HELPING = new AtomicInteger();
    static final int SPARE = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);

    private final int n;
    private final int[] unitStart;
    private final int units;
    /** Column k is published in the present run when done[k] == epoch. */
    private final byte[] done;
    private byte epoch;

    // one run
    private final AtomicInteger next = new AtomicInteger();
    private final boolean[] unitDone;
    private int prefix;
    /** Every column below it is published (the first column of the lowest unfinished unit). */
    private volatile int doneBelow;
    private volatile boolean failed;
    private Throwable error;
    private int active;
    private int generation;
    private boolean closed = true;

    /** For columns 0..n-1 cut at {@code unitStart} (ascending, from 0 to n). */
    ColumnTeam(int n, int[] unitStart) {
        if (unitStart.length < 2 || unitStart[0] != 0 || unitStart[unitStart.length - 1] != n) {
            throw new IllegalArgumentException("units must cover columns 0.." + (n - 1));
        }
        this.n = n;
        this.unitStart = unitStart;
        this.units = unitStart.length - 1;
        this.done = new byte[n];
        this.unitDone = new boolean[units];
    }

    /**
     * A team for columns whose elimination tree is {@code parent} (-1 at a root; a parent comes
     * after its children) and whose costs are {@code cost}. A subtree costs its columns'. The
     * columns whose subtree costs more than {@code share} (the top of the tree) are units of their
     * own, or of {@code group} columns from a true {@code groupStart} (null for none): they pipeline
     * column by column. Below them, each subtree of the order (consecutive columns ending at its
     * root, in a postorder) is a unit, independent of the others, merged with its successors up to
     * the share. Any cut into consecutive columns gives the same factors; this one keeps the
     * threads from waiting for each other. A group is never split.
     */
    static ColumnTeam alongTree(int[] parent, double[] cost, boolean[] groupStart, int group, double share) {
        int n = parent.length;
        double[] subtree = cost.clone();
        for (int k = 0; k < n; k++) {
            if (parent[k] >= 0) {
                subtree[parent[k]] += subtree[k];
            }
        }
        // the root of each column's highest subtree within the share (parents come later)
        int[] root = new int[n];
        for (int k = n - 1; k >= 0; k--) {
            int p = parent[k];
            root[k] = subtree[k] > share ? -1 : p < 0 || subtree[p] > share ? k : root[p];
        }
        // the cost of columns [a, b) is below[b] - below[a] (flop counts, whole numbers: exact)
        double[] below = new double[n + 1];
        for (int k = 0; k < n; k++) {
            below[k + 1] = below[k] + cost[k];
        }
        int[] start = new int[n + 1];
        int units = 0;
        for (int k = 0; k < n;) {
            int end;
            if (root[k] < 0) {
                end = k + (groupStart != null && groupStart[k] ? group : 1);
            } else {
                end = Math.max(root[k], k) + 1;
                double flops = below[end] - below[k];
                while (end < n && root[end] >= 0) {
                    int next = Math.max(root[end], end) + 1;
                    double more = below[next] - below[end];
                    if (flops + more > share) {
                        break;
                    }
                    flops += more;
                    end = next;
                }
                for (int g = Math.max(k, end - group + 1); g < end; g++) {
                    if (groupStart != null && groupStart[g]) {
                        end = Math.min(n, g + group);
                    }
                }
            }
            start[++units] = end;
            k = end;
        }
        return new ColumnTeam(n, Arrays.copyOf(start, units + 1));
    }

    int units() {
        return units;
    }

    /** The first column of each unit, and n (for tests). */
    int[] cuts() {
        return unitStart.clone();
    }

    /**
     * Runs the factorization: {@code workers[0]} on the calling thread, the others on pooled
     * threads, until every unit is done or a worker failed; returns false when one failed. Returns
     * only when no worker touches the factors any more.
     */
    boolean run(Worker[] workers) {
        int gen;
        synchronized (this) {
            gen = ++generation;
            closed = false;
            next.set(0);
            Arrays.fill(unitDone, false);
            prefix = 0;
            doneBelow = 0;
            failed = false;
            error = null;
            active = 0;
            if (++epoch <= 0) { // after 127 runs: the flags start again from zero
                Arrays.fill(done, (byte) 0);
                epoch = 1;
            }
        }
        for (int w = 1; w < workers.length; w++) {
            // several factorizations at once (a sweep's parallel runs) share the spare processors
            // instead of each spinning its own helpers; the caller alone can do every unit
            if (HELPING.incrementAndGet() > SPARE) {
                HELPING.decrementAndGet();
                break;
            }
            Worker helper = workers[w];
            pool().execute(() -> help(gen, helper));
        }
        try {
            work(workers[0]);
        } catch (Throwable t) {
            failed = true;
            throw t;
        } finally {
            boolean interrupted = false;
            synchronized (this) {
                while (active > 0) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        interrupted = true; // the helpers hold the factors: wait for them anyway
                    }
                }
                closed = true;
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (error instanceof RuntimeException e) {
            throw e;
        }
        if (error instanceof Error e) {
            throw e;
        }
        return !failed;
    }

    private void help(int gen, Worker worker) {
        synchronized (this) {
            if (gen != generation || closed) {
                HELPING.decrementAndGet();
                return; // started after its run ended: the run did all of it
            }
            active++;
        }
        try {
            work(worker);
        } catch (Throwable t) {
            synchronized (this) {
                if (error == null) {
                    error = t;
                }
            }
            failed = true;
        } finally {
            synchronized (this) {
                // before the caller can return and start another factorization that counts helpers
                HELPING.decrementAndGet();
                active--;
                notifyAll();
            }
        }
    }

    private void work(Worker worker) {
        while (!failed) {
            int u = next.getAndIncrement();
            if (u >= units) {
                return;
            }
            boolean ok;
            try {
                ok = worker.columns(unitStart[u], unitStart[u + 1]);
            } catch (Abandoned a) {
                worker.abandon();
                return;
            }
            if (!ok) {
                failed = true;
                return;
            }
            finished(u);
        }
    }

    private synchronized void finished(int u) {
        unitDone[u] = true;
        while (prefix < units && unitDone[prefix]) {
            prefix++;
        }
        doneBelow = prefix < units ? unitStart[prefix] : n;
    }

    /** Column k is done: its L column, U column and pivot are written. */
    void publish(int k) {
        DONE.setRelease(done, k, epoch);
    }

    /** A column below which every column is published (a lower bound, for a cheap first test). */
    int doneBelow() {
        return doneBelow;
    }

    /** Returns once column k is published; throws {@link Abandoned} when another worker failed. */
    void await(int k) {
        byte e = epoch;
        int spins = 0;
        while ((byte) DONE.getAcquire(done, k) != e) {
            if (failed) {
                throw ABANDONED;
            }
            if (++spins < SPINS) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }

    /** Runs {@code task} on a pooled thread (see {@link #join}). */
    static <T> Future<T> background(Callable<T> task) {
        return pool().submit(task);
    }

    /** The result of {@link #background}'s task, waited for; its exception or error is thrown here. */
    static <T> T join(Future<T> task) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true; // the task is short and holds no lock: wait for it anyway
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException r) {
                        throw r;
                    }
                    if (cause instanceof Error r) {
                        throw r;
                    }
                    throw new IllegalStateException(cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static synchronized ExecutorService pool() {
        if (pool == null) {
            pool = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "memspice-lu");
                t.setDaemon(true);
                return t;
            });
        }
        return pool;
    }
}
