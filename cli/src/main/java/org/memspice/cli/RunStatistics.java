package org.memspice.cli;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What {@code memspice sim --stats} says about the process as a whole: the time before the
 * command started (JVM start, class loading, command line), garbage collection, and peak memory.
 * Peak memory is given two ways: the process's peak resident set ({@code VmHWM} of
 * {@code /proc/self/status}, what {@code /usr/bin/time} reports as maximum resident size; Linux
 * only), and the Java heap, as the sum of each heap pool's peak occupancy (an upper bound of the
 * peak heap in use: the pools need not peak at the same moment) with the heap's committed and
 * maximum size.
 */
final class RunStatistics {
    private RunStatistics() {
    }

    /**
     * The phases of one {@code sim} run, each with its wall-clock seconds and the main thread's CPU
     * seconds (on a shared machine the CPU seconds are what the work costs; the wall clock also
     * counts other processes' turns), and the process as a whole: the time before the command
     * started, the CPU seconds of all its threads (the JIT compilers and the garbage collector
     * included) and the garbage collections. The static helpers accept null (no --stats).
     */
    static final class Phases {
        private final double startup = uptime();
        private final java.util.LinkedHashMap<String, double[]> phases = new java.util.LinkedHashMap<>();
        private final java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        private long wallMark;
        private long cpuMark;
        private long bytesMark;

        /** Starts timing (the next {@link #end} measures from here). */
        static void start(Phases p) {
            if (p != null) {
                p.wallMark = System.nanoTime();
                p.cpuMark = p.threads.getCurrentThreadCpuTime();
                p.bytesMark = p.allocated();
            }
        }

        /** Ends phase {@code name} (a repeated run replaces its times) and starts the next. */
        static void end(Phases p, String name) {
            if (p != null) {
                long wall = System.nanoTime();
                long cpu = p.threads.getCurrentThreadCpuTime();
                long bytes = p.allocated();
                p.phases.put(name, new double[] {(wall - p.wallMark) / 1e9, (cpu - p.cpuMark) / 1e9,
                    (bytes - p.bytesMark) / 1048576.0});
                p.wallMark = wall;
                p.cpuMark = cpu;
                p.bytesMark = bytes;
            }
        }

        /** Bytes the main thread has allocated so far, or 0 where the JVM does not say. */
        private long allocated() {
            return threads instanceof com.sun.management.ThreadMXBean sun
                    ? Math.max(0, sun.getThreadAllocatedBytes(Thread.currentThread().getId())) : 0;
        }

        /** The wall-clock seconds of phase {@code name}, 0 when not measured. */
        static double wall(Phases p, String name) {
            double[] t = p == null ? null : p.phases.get(name);
            return t == null ? 0 : t[0];
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "phases (wall s / main-thread cpu s /"
                    + " MB allocated): JVM start and command line %.3f", startup));
            phases.forEach((name, t) -> sb.append(String.format(Locale.ROOT, ", %s %.3f / %.3f / %.0f", name, t[0], t[1],
                    t[2])));
            double cpu = processCpuSeconds();
            sb.append(String.format(Locale.ROOT, "; process cpu %s s (all threads); garbage collection %.3f s (%d)",
                    cpu < 0 ? "unknown" : String.format(Locale.ROOT, "%.3f", cpu), gcSeconds(), gcCount()));
            return sb.toString();
        }
    }

    /** CPU seconds of the whole process so far (all threads), or -1 where the JVM does not say. */
    static double processCpuSeconds() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            long ns = sun.getProcessCpuTime();
            return ns < 0 ? -1 : ns / 1e9;
        }
        return -1;
    }

    /** Seconds from the JVM's start to now. */
    static double uptime() {
        return ManagementFactory.getRuntimeMXBean().getUptime() / 1e3;
    }

    /** Seconds spent in garbage collection so far (all collectors). */
    static double gcSeconds() {
        long ms = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ms += Math.max(0, gc.getCollectionTime());
        }
        return ms / 1e3;
    }

    /** Collections so far (all collectors). */
    static long gcCount() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }

    /** One line: peak resident set of the process, peak Java heap (pools summed), committed and maximum heap. */
    static String memory() {
        long peakHeap = 0;
        long committed = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peakHeap += pool.getPeakUsage().getUsed();
                committed += pool.getPeakUsage().getCommitted();
            }
        }
        long max = Runtime.getRuntime().maxMemory();
        long rss = peakResidentKilobytes();
        return String.format(Locale.ROOT, "memory: peak resident set %s (VmHWM, whole process); Java heap peak %d MB"
                + " in use (sum of the pools' peaks), %d MB committed at most, %d MB maximum",
                rss < 0 ? "unknown" : (rss / 1024) + " MB", peakHeap >> 20, committed >> 20, max >> 20);
    }

    /** VmHWM of /proc/self/status in kB, or -1 where there is none. */
    static long peakResidentKilobytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
