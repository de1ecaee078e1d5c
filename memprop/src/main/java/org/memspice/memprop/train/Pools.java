package org.memspice.memprop.train;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The worker pools of training, evaluation and the DSE (rram-dse uses them too): daemon threads,
 * jobs run to completion, results in job order, failures rethrown as they were.
 */
public final class Pools {
    private Pools() {
    }

    /** A pool of {@code threads} daemon threads named {@code name}. */
    public static ExecutorService daemon(int threads, String name) {
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs every job on the pool and returns their results in job order. */
    public static <T> List<T> runAll(ExecutorService pool, List<Callable<T>> jobs) {
        try {
            List<Future<T>> fs = pool.invokeAll(jobs);
            List<T> out = new ArrayList<>(fs.size());
            for (Future<T> f : fs) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
