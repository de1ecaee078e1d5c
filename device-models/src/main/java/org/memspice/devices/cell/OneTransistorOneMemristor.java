package org.memspice.devices.cell;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.memspice.devices.memristor.MemristorModel;
import org.memspice.devices.memristor.MemristorModels;
import org.memspice.devices.memristor.MemristorPoint;
import org.memspice.spice.elements.Level1Channel;

/**
 * A 1T1R cell: a memristor from the bit line to an internal node m, and a level-1 NMOS access
 * transistor from m to the source line with its gate on the word line (bulk on the source line).
 * {@link #solve} finds the internal node for given line voltages and memristor state and returns
 * the cell current with its partial derivatives (for training through the cell); {@link #netlist}
 * writes the same cell for the general circuit engine. Both use the same device equations.
 */
public final class OneTransistorOneMemristor {
    private final AccessTransistor transistor;
    private final String memristorKind;
    private final Map<String, Double> memristorParameters;
    private final MemristorModel memristor;
    private final Level1Channel channel;
    private final MemristorPoint point = new MemristorPoint();

    /** The cell's operating point. */
    public static final class OperatingPoint {
        /** Current from the bit line through the cell to the source line (A). */
        public double current;
        /** Voltage of the internal node between memristor and transistor (V). */
        public double internalNode;
        public double dCurrentDWordLine;
        public double dCurrentDBitLine;
        public double dCurrentDSourceLine;
        public double dCurrentDState;
        /** The memristor's state velocity at this point, and its partial in the state. */
        public double stateRate;
        public double dStateRateDState;
        /** Newton iterations used. */
        public int iterations;
    }

    public OneTransistorOneMemristor(AccessTransistor transistor, String memristorKind, Map<String, Double> memristorParameters) {
        this.transistor = transistor;
        this.memristorKind = memristorKind;
        this.memristorParameters = new TreeMap<>(memristorParameters);
        this.memristor = MemristorModels.create(memristorKind, memristorParameters);
        this.channel = transistor.channel();
    }

    public MemristorModel memristor() {
        return memristor;
    }

    /**
     * Solves KCL at the internal node: I_mem(V_bl − V_m, x) = I_d(V_wl − V_sl, V_m − V_sl, 0),
     * by Newton's method safeguarded with bisection (the residual is monotone in V_m).
     */
    public OperatingPoint solve(double wordLine, double bitLine, double sourceLine, double state, OperatingPoint out) {
        double lo = Math.min(bitLine, sourceLine);
        double hi = Math.max(bitLine, sourceLine);
        double vm = 0.5 * (lo + hi);
        double vgs = wordLine - sourceLine;
        int it = 0;
        double f = 0;
        double dfdvm = 0;
        for (; it < 200; it++) {
            memristor.evaluate(bitLine - vm, state, point);
            channel.evaluate(vgs, vm - sourceLine, 0);
            f = point.current - channel.id;
            dfdvm = -point.dCurrentDv - channel.dIdVds;
            if (f > 0) {
                lo = vm; // too little transistor current: the node must rise
            } else {
                hi = vm;
            }
            double tol = 1e-15 * (1 + Math.abs(vm)); // near machine precision: callers differentiate the result
            double next = dfdvm < 0 ? vm - f / dfdvm : Double.NaN;
            if (!(next > lo && next < hi)) {
                next = 0.5 * (lo + hi);
            }
            if (Math.abs(next - vm) <= tol || hi - lo <= tol) {
                vm = next;
                memristor.evaluate(bitLine - vm, state, point);
                channel.evaluate(vgs, vm - sourceLine, 0);
                f = point.current - channel.id;
                dfdvm = -point.dCurrentDv - channel.dIdVds;
                break;
            }
            vm = next;
        }
        out.iterations = it + 1;
        out.internalNode = vm;
        out.current = point.current;
        // implicit differentiation of f(vm; wl, bl, sl, x) = 0
        double dfdbl = point.dCurrentDv;
        double dfdwl = -channel.dIdVgs;
        double dfdsl = channel.dIdVgs + channel.dIdVds + channel.dIdVbs;
        double dfdx = point.dCurrentDx;
        double dvm = dfdvm == 0 ? 0 : -1 / dfdvm;
        double dvmdbl = dvm * dfdbl;
        double dvmdwl = dvm * dfdwl;
        double dvmdsl = dvm * dfdsl;
        double dvmdx = dvm * dfdx;
        out.dCurrentDBitLine = point.dCurrentDv * (1 - dvmdbl);
        out.dCurrentDWordLine = -point.dCurrentDv * dvmdwl;
        out.dCurrentDSourceLine = -point.dCurrentDv * dvmdsl;
        out.dCurrentDState = point.dCurrentDx - point.dCurrentDv * dvmdx;
        out.stateRate = point.rate;
        out.dStateRateDState = point.dRateDx - point.dRateDv * dvmdx;
        return out;
    }

    /**
     * The cell as netlist lines for the general engine: the memristor {@code ymemristor <name>_r}
     * from {@code bitLine} to node {@code <name>_m} and the transistor {@code m<name>_t} from there
     * to {@code sourceLine}, with its two .model cards named {@code <name>_mem} and {@code <name>_nmos}.
     */
    public String netlist(String name, String wordLine, String bitLine, String sourceLine, double state) {
        return instanceLines(name, wordLine, bitLine, sourceLine, state, name + "_mem", name + "_nmos")
                + modelCards(name + "_mem", name + "_nmos");
    }

    /** The cell's two instance lines, referring to the model cards {@code memModel} and {@code nmosModel}. */
    public String instanceLines(String name, String wordLine, String bitLine, String sourceLine, double state,
            String memModel, String nmosModel) {
        String mid = name + "_m";
        return String.format(Locale.ROOT, "ymemristor %s_r %s %s %s x0=%.17g%n", name, bitLine, mid, memModel, state)
                + String.format(Locale.ROOT, "m%s_t %s %s %s %s %s W=%.10g L=%.10g%n", name, mid, wordLine, sourceLine,
                        sourceLine, nmosModel, transistor.w(), transistor.l());
    }

    /** The memristor's and the transistor's .model cards under the given names. */
    public String modelCards(String memModel, String nmosModel) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, ".model %s memristor (model=%s", memModel, memristorKind));
        for (Map.Entry<String, Double> e : memristorParameters.entrySet()) {
            sb.append(String.format(Locale.ROOT, " %s=%.17g", e.getKey(), e.getValue()));
        }
        sb.append(")\n").append(transistor.modelCard(nmosModel)).append('\n');
        return sb.toString();
    }
}
