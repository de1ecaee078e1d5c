package org.memspice.dse.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sweep runner of one machine: {@code threads} workers take the unfinished points in order,
 * each computing one point at a time on its own thread and storing it the moment it finishes.
 * Every point is computed the same way whatever the number of workers, so the results do not
 * depend on it.
 */
public final class LocalSweepRunner implements SweepRunner {
    private final int threads;

    public LocalSweepRunner(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        this.threads = threads;
    }

    @Override
    public int run(List<SweepPoint> points, PointEvaluator evaluator, PointStore store, Listener listener) {
        List<SweepPoint> todo = new ArrayList<>();
        for (SweepPoint p : points) {
            if (store.finished(p.key()) == null) {
                todo.add(p);
            }
        }
        int skipped = points.size() - todo.size();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger(skipped);
        listener.progress(skipped, points.size(), skipped, null, null);
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "dse-sweep");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < Math.min(threads, Math.max(1, todo.size())); w++) {
                workers.add(pool.submit(() -> {
                    for (int k = next.getAndIncrement(); k < todo.size(); k = next.getAndIncrement()) {
                        SweepPoint p = todo.get(k);
                        PointResult r = PointEvaluator.run(evaluator, p);
                        try {
                            store.write(p, p.canonical(), r);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        synchronized (listener) {
                            listener.progress(done.incrementAndGet(), points.size(), skipped, p, r);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : workers) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("sweep interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return todo.size();
    }
}
