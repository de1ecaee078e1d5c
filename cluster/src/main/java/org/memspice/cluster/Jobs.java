package org.memspice.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.memspice.dse.sweep.PointEvaluator;

/**
 * A sweep's evaluator on its way to the members: Java-serialized and gzipped once by the
 * launching member into the cluster map {@value ClusterMember#JOBS} under the digest of those
 * bytes (its job id), fetched by each member the first time one of its points arrives, read back
 * through a filter that admits memspice's classes, strings, a TreeMap and arrays of numbers only,
 * and kept for the job's later points (the last {@value #KEEP} jobs per member).
 */
final class Jobs {
    static final int KEEP = 3;
    /** What the user context of a member holds this member's jobs under. */
    static final String CONTEXT_KEY = "memspice.jobs";
    private static final ObjectInputFilter FILTER = ObjectInputFilter.Config.createFilter(
            "maxdepth=16;maxrefs=100000;org.memspice.**;java.util.TreeMap;java.lang.String;java.lang.Number;java.lang.Integer;"
                    + "java.lang.Long;java.lang.Double;java.lang.Float;!*");

    private final Map<String, CompletableFuture<PointEvaluator>> kept = new LinkedHashMap<>(8, 0.75f, true);
    private final Consumer<String> events;

    Jobs(Consumer<String> events) {
        this.events = events;
    }

    /** How many jobs this member keeps. */
    int size() {
        synchronized (kept) {
            return kept.size();
        }
    }

    /** The evaluator as the bytes that travel; refuses one that cannot be sent. */
    static byte[] encode(PointEvaluator e) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(new GZIPOutputStream(b))) {
            out.writeObject(e);
        } catch (NotSerializableException x) {
            throw new IllegalArgumentException("this sweep's evaluator cannot be sent to cluster members: " + x.getMessage());
        } catch (IOException x) {
            throw new IllegalStateException("cannot serialize the sweep's evaluator (" + x.getMessage() + ")", x);
        }
        return b.toByteArray();
    }

    /** A job's id: a digest of its bytes. */
    static String id(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    static PointEvaluator decode(byte[] bytes) {
        try (ObjectInputStream in = new ObjectInputStream(new GZIPInputStream(new ByteArrayInputStream(bytes)))) {
            in.setObjectInputFilter(FILTER);
            return (PointEvaluator) in.readObject();
        } catch (InvalidClassException e) {
            throw new ClusterFailure("a sweep job holds a class a member does not accept (" + e.getMessage() + ")");
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            throw new ClusterFailure("a member cannot read the sweep job (" + e + "); is every member the same memspice?");
        }
    }

    /** The evaluator of job {@code id}, read once per member from the cluster's job map. */
    PointEvaluator evaluator(String id, HazelcastInstance hz) {
        CompletableFuture<PointEvaluator> f;
        boolean mine = false;
        synchronized (kept) {
            f = kept.get(id);
            if (f == null) {
                f = new CompletableFuture<>();
                kept.put(id, f);
                mine = true;
                while (kept.size() > KEEP) {
                    kept.remove(kept.keySet().iterator().next());
                }
            }
        }
        if (mine) {
            try {
                IMap<String, byte[]> jobs = hz.getMap(ClusterMember.JOBS);
                byte[] bytes = jobs.get(id);
                if (bytes == null) {
                    throw new ClusterFailure("sweep job " + id + " is no longer in the cluster (the members holding it left)");
                }
                PointEvaluator e = decode(bytes);
                events.accept(String.format(java.util.Locale.ROOT, "sweep job %s received (%.1f MB)", id, bytes.length / 1e6));
                f.complete(e);
            } catch (RuntimeException e) {
                synchronized (kept) {
                    kept.remove(id);
                }
                f.completeExceptionally(e);
            }
        }
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading sweep job " + id);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
    }
}
