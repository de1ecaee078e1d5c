package org.memspice.spice.tools;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;
import org.memspice.spice.analysis.MnaSystem;
import org.memspice.spice.circuit.Circuit;
import org.memspice.spice.element.ElementRegistry;
import org.memspice.spice.netlist.CircuitBuilder;
import org.memspice.spice.netlist.NetlistReader;

/**
 * A benchmark of the netlist front end (used by {@code bench/parse-bench.sh}): reads a netlist
 * into logical lines, builds the circuit (parameters, subcircuits, elements), and sets up its MNA
 * system, {@code --repeat} times in one process, printing for each run the wall and thread-CPU
 * seconds of each phase, the bytes allocated (in all, and by reading and building alone: on a
 * machine where fresh memory is slow to touch, each MB costs the first run a few ms) and the
 * garbage-collection time. The first run is what a {@code memspice sim} process pays (cold
 * code); later ones show the warmed-up cost.
 *
 * <pre>
 * java -cp memspice.jar org.memspice.spice.tools.ParseBench NETLIST [--repeat N] [--no-setup]
 * </pre>
 */
public final class ParseBench {
    private ParseBench() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: ParseBench NETLIST [--repeat N] [--no-setup]");
            System.exit(2);
        }
        Path netlist = Path.of(args[0]);
        int repeat = 3;
        boolean setup = true;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--repeat" -> repeat = Integer.parseInt(args[++i]);
                case "--no-setup" -> setup = false;
                default -> {
                    System.err.println("unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().getId();
        ElementRegistry registry = ElementRegistry.loadDefault();
        for (int r = 1; r <= repeat; r++) {
            double gc0 = gcSeconds();
            long bytes0 = threads.getThreadAllocatedBytes(self);
            long cpu0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            NetlistReader.Result text = new NetlistReader().read(netlist);
            long t1 = System.nanoTime();
            long cpu1 = threads.getCurrentThreadCpuTime();
            Circuit circuit = new CircuitBuilder(registry).build(text);
            long t2 = System.nanoTime();
            long cpu2 = threads.getCurrentThreadCpuTime();
            long parseBytes = threads.getThreadAllocatedBytes(self) - bytes0;
            if (setup) {
                new MnaSystem(circuit);
            }
            long t3 = System.nanoTime();
            long cpu3 = threads.getCurrentThreadCpuTime();
            long bytes = threads.getThreadAllocatedBytes(self) - bytes0;
            System.out.printf(Locale.ROOT, "run %d: %,d lines, %,d elements, %,d unknowns: read %.3f s (cpu %.3f),"
                    + " build %.3f s (cpu %.3f), parse total %.3f s (cpu %.3f)%s; allocated %,d MB (read and build"
                    + " %,d MB), gc %.3f s%n",
                    r, text.lines().size(), circuit.elements().size(), circuit.unknowns().size(), (t1 - t0) / 1e9,
                    (cpu1 - cpu0) / 1e9, (t2 - t1) / 1e9, (cpu2 - cpu1) / 1e9, (t2 - t0) / 1e9, (cpu2 - cpu0) / 1e9,
                    setup ? String.format(Locale.ROOT, ", MNA set-up %.3f s (cpu %.3f)", (t3 - t2) / 1e9,
                            (cpu3 - cpu2) / 1e9) : "", bytes >> 20, parseBytes >> 20, gcSeconds() - gc0);
        }
    }

    private static double gcSeconds() {
        long ms = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ms += Math.max(0, gc.getCollectionTime());
        }
        return ms / 1e3;
    }
}
