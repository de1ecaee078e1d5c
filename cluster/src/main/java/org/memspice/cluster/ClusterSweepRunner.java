package org.memspice.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.ExecutionCallback;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.core.MemberLeftException;
import com.hazelcast.core.OperationTimeoutException;
import com.hazelcast.map.IMap;
import com.hazelcast.spi.exception.RetryableException;
import com.hazelcast.spi.exception.TargetDisconnectedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.memspice.dse.sweep.PointEvaluator;
import org.memspice.dse.sweep.PointResult;
import org.memspice.dse.sweep.PointStore;
import org.memspice.dse.sweep.SweepPoint;
import org.memspice.dse.sweep.SweepRunner;

/**
 * The sweep runner of a Hazelcast cluster. The launching member is a member like the others: it
 * publishes the evaluator once (cluster map {@value ClusterMember#JOBS}), then keeps every member
 * busy with as many points at a time as it has threads, each point a task of Hazelcast's
 * executor service sent to that member. A member writes each finished point under its key to
 * the cluster map {@value ClusterMember#RESULTS} and sends it back; this runner stores it in the
 * local {@link PointStore} and reports it as it arrives, so the CSV follows the sweep.
 *
 * <p>Points are keyed, so nothing is counted twice: a point is recorded the first time its result
 * arrives and later copies (identical, since evaluators are deterministic) are dropped. When a
 * member leaves, the points it was running are sent elsewhere, unless the map already holds
 * them; a point that takes {@value #MAX_LOSSES} members down with it stops the sweep. Before
 * sending anything, the points the map already holds (a sweep interrupted while other members
 * kept running) are copied into the store and skipped, like those the store itself holds.
 */
public final class ClusterSweepRunner implements SweepRunner {
    static final int MAX_LOSSES = 3;
    private static final long BENCH_NANOS = 10_000_000_000L;

    private final ClusterMember member;
    private final Consumer<String> notes;
    private int fromMap;

    /** {@code notes} receives one line when points are sent elsewhere after a member left. */
    public ClusterSweepRunner(ClusterMember member, Consumer<String> notes) {
        this.member = member;
        this.notes = notes;
    }

    /** How many points the last run found finished in the cluster's map (not in the store). */
    public int fromMap() {
        return fromMap;
    }

    private sealed interface Event permits Done, Failed, Joined, Left {
    }

    private record Done(SweepPoint point, Attempt attempt, String text) implements Event {
    }

    private record Failed(SweepPoint point, Attempt attempt, Throwable error) implements Event {
    }

    private record Joined(Member member) implements Event {
    }

    private record Left(Member member) implements Event {
    }

    /** One sending of a point to a member. */
    private record Attempt(UUID member, String address) {
    }

    /** A member's threads and how many of them run points now. */
    private static final class Slots {
        final Member member;
        final int threads;
        int busy;
        /** Until when (System.nanoTime) no point goes to it: it failed one as if leaving. */
        long benchedUntil;

        Slots(Member member) {
            this.member = member;
            this.threads = ClusterMember.threads(member);
        }
    }

    @Override
    public int run(List<SweepPoint> points, PointEvaluator evaluator, PointStore store, Listener listener) {
        HazelcastInstance hz = member.hazelcast();
        IMap<String, String> results = hz.getMap(ClusterMember.RESULTS);
        List<SweepPoint> todo = new ArrayList<>();
        for (SweepPoint p : points) {
            if (store.finished(p.key()) == null) {
                todo.add(p);
            }
        }
        fromMap = 0;
        for (int i = 0; i < todo.size(); i += 500) {
            List<SweepPoint> chunk = todo.subList(i, Math.min(todo.size(), i + 500));
            Set<String> keys = new HashSet<>();
            chunk.forEach(p -> keys.add(p.key()));
            Map<String, String> held = results.getAll(keys);
            for (SweepPoint p : chunk) {
                PointResult r = held.containsKey(p.key()) ? PointStore.parse(held.get(p.key())) : null;
                if (r != null && r.ok()) {
                    write(store, p, r);
                    fromMap++;
                }
            }
        }
        todo.removeIf(p -> store.finished(p.key()) != null);
        int skipped = points.size() - todo.size();
        listener.progress(skipped, points.size(), skipped, null, null);
        if (todo.isEmpty()) {
            return 0;
        }
        byte[] bytes = Jobs.encode(evaluator);
        String job = Jobs.id(bytes);
        IMap<String, byte[]> jobs = hz.getMap(ClusterMember.JOBS);
        jobs.set(job, bytes);
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        UUID membership = hz.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent e) {
                events.add(new Joined(e.getMember()));
            }

            @Override
            public void memberRemoved(MembershipEvent e) {
                events.add(new Left(e.getMember()));
            }
        });
        try {
            return dispatch(todo, points.size(), skipped, job, store, listener, events, results);
        } finally {
            if (member.running()) {
                try {
                    hz.getCluster().removeMembershipListener(membership);
                    jobs.delete(job);
                } catch (RuntimeException e) {
                    // the member is leaving: nothing to tidy
                }
            }
        }
    }

    private int dispatch(List<SweepPoint> todo, int total, int skipped, String job, PointStore store, Listener listener,
            BlockingQueue<Event> events, IMap<String, String> results) {
        HazelcastInstance hz = member.hazelcast();
        IExecutorService executor = hz.getExecutorService(ClusterMember.EXECUTOR);
        Map<UUID, Slots> slots = new LinkedHashMap<>();
        for (Member m : hz.getCluster().getMembers()) {
            slots.putIfAbsent(m.getUuid(), new Slots(m));
        }
        Deque<SweepPoint> queue = new ArrayDeque<>(todo);
        Map<String, Attempt> running = new HashMap<>();
        Map<String, Integer> losses = new HashMap<>();
        Set<String> recorded = new HashSet<>();
        int done = skipped;
        while (recorded.size() < todo.size()) {
            long now = System.nanoTime();
            for (Slots s : slots.values()) {
                while (s.busy < s.threads && !queue.isEmpty() && !(s.benchedUntil != 0 && now - s.benchedUntil < 0)) {
                    SweepPoint p = queue.poll();
                    if (recorded.contains(p.key()) || running.containsKey(p.key())) {
                        continue;
                    }
                    Attempt a = new Attempt(s.member.getUuid(), ClusterMember.text(s.member));
                    running.put(p.key(), a);
                    s.busy++;
                    try {
                        executor.submitToMember(new PointTask(job, p), s.member, new ExecutionCallback<String>() {
                            @Override
                            public void onResponse(String text) {
                                events.add(new Done(p, a, text));
                            }

                            @Override
                            public void onFailure(Throwable t) {
                                events.add(new Failed(p, a, t));
                            }
                        });
                    } catch (RuntimeException e) {
                        events.add(new Failed(p, a, e));
                    }
                }
            }
            Event e;
            try {
                e = events.poll(2, TimeUnit.SECONDS);
            } catch (InterruptedException x) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("sweep interrupted", x);
            }
            if (!member.running()) {
                throw new ClusterFailure("this member (" + ClusterSettings.text(member.address()) + ") left the cluster mid-sweep; the "
                        + (skipped + recorded.size()) + " finished points are stored: run the sweep again to go on");
            }
            if (e == null) {
                continue;
            }
            if (e instanceof Joined j) {
                slots.putIfAbsent(j.member().getUuid(), new Slots(j.member()));
            } else if (e instanceof Left l) {
                slots.remove(l.member().getUuid());
                List<SweepPoint> again = new ArrayList<>();
                for (SweepPoint p : todo) {
                    Attempt a = running.get(p.key());
                    if (a != null && a.member().equals(l.member().getUuid())) {
                        running.remove(p.key());
                        again.add(p);
                    }
                }
                int resent = 0;
                for (int k = again.size() - 1; k >= 0; k--) {
                    SweepPoint p = again.get(k);
                    String held = results.get(p.key());
                    if (held != null && PointStore.parse(held) != null) {
                        events.add(new Done(p, null, held));
                        continue;
                    }
                    if (losses.merge(p.key(), 1, Integer::sum) >= MAX_LOSSES) {
                        throw new ClusterFailure("point " + (p.index() + 1) + " (" + p.key() + ") was running on " + MAX_LOSSES
                                + " members that left the cluster; stopped (the finished points are stored)");
                    }
                    queue.addFirst(p);
                    resent++;
                }
                if (resent > 0) {
                    notes.accept("cluster: " + resent + (resent == 1 ? " point" : " points") + " of " + ClusterMember.text(l.member())
                            + " sent to other members");
                }
            } else if (e instanceof Done d) {
                release(slots, running, d.point(), d.attempt());
                if (recorded.add(d.point().key())) {
                    PointResult r = PointStore.parse(d.text());
                    if (r == null) {
                        throw new IllegalStateException("point " + (d.point().index() + 1) + ": unreadable result from "
                                + (d.attempt() == null ? "the cluster's map" : d.attempt().address()));
                    }
                    write(store, d.point(), r);
                    done++;
                    listener.progress(done, total, skipped, d.point(), r);
                }
            } else if (e instanceof Failed f) {
                boolean current = release(slots, running, f.point(), f.attempt());
                if (!current || recorded.contains(f.point().key())) {
                    continue; // sent again already, after its member left
                }
                if (!lost(f.error())) {
                    throw rethrow(f.error());
                }
                SweepPoint p = f.point();
                Slots from = slots.get(f.attempt().member());
                if (from != null) {
                    from.benchedUntil = System.nanoTime() + BENCH_NANOS; // leaving, most likely: its Left event follows
                }
                String held = results.get(p.key());
                if (held != null && PointStore.parse(held) != null) {
                    events.add(new Done(p, null, held));
                } else if (losses.merge(p.key(), 1, Integer::sum) >= MAX_LOSSES) {
                    throw new ClusterFailure("point " + (p.index() + 1) + " (" + p.key() + ") failed on " + MAX_LOSSES
                            + " members that left or stopped (last: " + f.attempt().address() + ": " + f.error() + ")");
                } else {
                    queue.addFirst(p);
                    // the task's failure can arrive before its member's Left event, which then finds
                    // nothing running there: say so here, as the Left branch would have
                    notes.accept("cluster: 1 point of " + f.attempt().address() + " sent to other members");
                }
            }
        }
        return todo.size();
    }

    /** Frees the attempt's thread; whether it was the point's current attempt. */
    private static boolean release(Map<UUID, Slots> slots, Map<String, Attempt> running, SweepPoint p, Attempt a) {
        if (a == null) {
            return false;
        }
        Slots s = slots.get(a.member());
        if (s != null) {
            s.busy--;
        }
        if (running.get(p.key()) == a) {
            running.remove(p.key());
            return true;
        }
        return false;
    }

    private static void write(PointStore store, SweepPoint p, PointResult r) {
        try {
            store.write(p, p.canonical(), r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether a task failed because its member left or stopped (as opposed to the point's own error). */
    static boolean lost(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof MemberLeftException || c instanceof RetryableException || c instanceof TargetDisconnectedException
                    || c instanceof HazelcastInstanceNotActiveException || c instanceof RejectedExecutionException
                    || c instanceof OperationTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static RuntimeException rethrow(Throwable t) {
        Throwable c = t;
        while (c instanceof ExecutionException && c.getCause() != null) {
            c = c.getCause();
        }
        if (c instanceof RuntimeException re) {
            return re;
        }
        return new IllegalStateException(String.valueOf(c), c);
    }
}
