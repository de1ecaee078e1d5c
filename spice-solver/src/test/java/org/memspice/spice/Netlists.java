package org.memspice.spice;

import java.nio.file.Path;
import java.util.List;
import org.memspice.spice.analysis.Simulator;
import org.memspice.spice.circuit.Circuit;
import org.memspice.spice.element.ElementRegistry;
import org.memspice.spice.netlist.CircuitBuilder;
import org.memspice.spice.output.Waveforms;

/** Test helper: build and run netlist text. */
public final class Netlists {
    private static final ElementRegistry REGISTRY = ElementRegistry.loadDefault();

    private Netlists() {
    }

    public static Circuit circuit(String text) {
        return new CircuitBuilder(REGISTRY).build(text, Path.of("test.cir"));
    }

    /** Runs the netlist's analyses and returns the first one's waveforms. */
    public static Waveforms run(String text) {
        return Simulator.run(circuit(text)).get(0).waveforms();
    }

    public static List<Simulator.Result> runAll(String text) {
        return Simulator.run(circuit(text));
    }

    /** Operating-point value of one vector. */
    public static double op(String text, String vector) {
        return run(text).vector(vector)[0];
    }
}
