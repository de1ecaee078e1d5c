package org.memspice.spice.sensitivity;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.memspice.spice.analysis.MnaSystem;
import org.memspice.spice.circuit.Analysis;
import org.memspice.spice.circuit.Circuit;
import org.memspice.spice.circuit.SensRequest;
import org.memspice.spice.element.ElementRegistry;
import org.memspice.spice.netlist.CircuitBuilder;
import org.memspice.spice.netlist.NetlistException;

/**
 * Sensitivities of a netlist's objective with respect to its parameters: the public entry point
 * ({@code .sens}, {@code memspice sim --sens}, and callers such as memprop that want a value and
 * its gradient). With a {@code .tran} in the netlist the transient adjoint runs
 * ({@link TransientSensitivity}); otherwise the operating point's direct sensitivities
 * ({@link DcSensitivity}).
 *
 * <pre>
 *   Circuit c = Sensitivity.circuit(Path.of("net.cir"));
 *   SensitivityResult r = Sensitivity.compute(c, "integ(v(out))", List.of("r1", "ym1:x0", "mem:ap"));
 *   r.value(); r.gradient();
 * </pre>
 */
public final class Sensitivity {
    private Sensitivity() {
    }

    /** Builds a netlist file with the element factories on the class path. */
    public static Circuit circuit(Path netlist) {
        return new CircuitBuilder(ElementRegistry.loadDefault()).build(netlist);
    }

    /** The objective's value and gradient for the named parameters (all element values when empty). */
    public static SensitivityResult compute(Circuit circuit, String objective, List<String> parameters) {
        return compute(new MnaSystem(circuit), objective, parameters);
    }

    /**
     * The objective's value and gradient for the named parameters of a netlist file; a name may
     * also be a top-level .param (the netlist is built again with it moved).
     */
    public static SensitivityResult compute(Path netlist, String objective, List<String> parameters) {
        Circuit c = circuit(netlist);
        MnaSystem system = new MnaSystem(c);
        Objective obj = Objective.parse(objective, c);
        List<SensParameter> ps = new ArrayList<>();
        for (String n : parameters) {
            ps.add(SensParameter.resolve(c, n, rebuild(netlist)));
        }
        if (parameters.isEmpty()) {
            ps = SensParameter.all(c);
        }
        return dispatch(system, obj, ps);
    }

    /** The transient adjoint with a .tran, else the sweep's direct sensitivities with a .dc, else the operating point's. */
    static SensitivityResult dispatch(MnaSystem system, Objective obj, List<SensParameter> ps) {
        Circuit c = system.circuit();
        Analysis.Tran tran = firstTransient(c);
        if (tran != null) {
            return TransientSensitivity.compute(system, tran, obj, ps);
        }
        for (Analysis a : c.analyses()) {
            if (a instanceof Analysis.Dc) {
                return DcSweepSensitivity.compute(system, (Analysis.Dc) a, obj, ps);
            }
        }
        return DcSensitivity.compute(system, obj, ps);
    }

    /** Builds {@code netlist} again with one .param overridden. */
    public static SensParameter.Rebuild rebuild(Path netlist) {
        return (name, value) -> new CircuitBuilder(ElementRegistry.loadDefault()).overrideParameter(name, value)
                .build(netlist);
    }

    /**
     * As above on a system already set up (the system can be reused: set parameter values with
     * {@link SensParameter#set} and {@link MnaSystem#parametersChanged}, then compute again).
     *
     * @throws IllegalArgumentException naming an unknown vector or parameter
     */
    public static SensitivityResult compute(MnaSystem system, String objective, List<String> parameters) {
        Circuit c = system.circuit();
        Objective obj = Objective.parse(objective, c);
        List<SensParameter> ps = resolve(c, parameters);
        return dispatch(system, obj, ps);
    }

    /** The parameters named (all element values when none is). */
    public static List<SensParameter> resolve(Circuit c, List<String> names) {
        if (names.isEmpty()) {
            return SensParameter.all(c);
        }
        List<SensParameter> ps = new ArrayList<>();
        for (String n : names) {
            ps.add(SensParameter.resolve(c, n));
        }
        return ps;
    }

    /** The netlist's first .tran, or null. */
    static Analysis.Tran firstTransient(Circuit c) {
        for (Analysis a : c.analyses()) {
            if (a instanceof Analysis.Tran) {
                return (Analysis.Tran) a;
            }
        }
        return null;
    }

    /**
     * Runs one {@code .sens} card: an unknown vector, element, model or parameter, or one that
     * cannot be differentiated, is a netlist error at the card's line (and column).
     */
    public static SensitivityResult run(MnaSystem system, SensRequest req) {
        Circuit c = system.circuit();
        Objective obj;
        try {
            obj = Objective.parse(req.objective(), c);
        } catch (IllegalArgumentException e) {
            throw new NetlistException(req.line(), req.objectiveColumn(), ".sens: " + e.getMessage());
        }
        List<SensParameter> ps = new ArrayList<>();
        if (req.parameters().isEmpty()) {
            ps = SensParameter.all(c);
        }
        for (int k = 0; k < req.parameters().size(); k++) {
            try {
                Path file = req.line().file();
                ps.add(SensParameter.resolve(c, req.parameters().get(k), file == null ? null : rebuild(file)));
            } catch (IllegalArgumentException e) {
                throw new NetlistException(req.line(), req.columns().get(k), ".sens: " + e.getMessage());
            }
        }
        try {
            return dispatch(system, obj, ps);
        } catch (IllegalArgumentException e) {
            throw new NetlistException(req.line(), ".sens: " + e.getMessage());
        }
    }

    /**
     * The results as CSV: objective, parameter, value, derivative, normalized sensitivity p/f·df/dp;
     * when a result is a .dc sweep, a {@code sweep} column after the objective holds each point's
     * swept values ({@code v1=0.5}, nested sweeps separated by spaces, inner first; empty for results
     * without a sweep) and every point has its rows.
     */
    public static String table(List<SensitivityResult> results) {
        boolean sweeps = results.stream().anyMatch(r -> !r.sweep().isEmpty());
        StringBuilder sb = new StringBuilder(sweeps ? "objective,sweep,parameter,value,derivative,normalized\n"
                : "objective,parameter,value,derivative,normalized\n");
        for (SensitivityResult r : results) {
            if (r.sweep().isEmpty()) {
                rows(sb, r, sweeps ? "," : "", r.gradient(), k -> r.normalized(k));
                continue;
            }
            for (SensitivityResult.SweepPoint p : r.sweep()) {
                StringBuilder at = new StringBuilder();
                for (int k = 0; k < p.at().length; k++) {
                    at.append(k == 0 ? "" : " ").append(r.swept().get(k)).append('=')
                            .append(String.format(Locale.ROOT, "%.12g", p.at()[k]));
                }
                rows(sb, r, at + ",", p.gradient(), k -> r.normalized(p, k));
            }
        }
        return sb.toString();
    }

    private static void rows(StringBuilder sb, SensitivityResult r, String sweep, double[] gradient,
            java.util.function.IntToDoubleFunction normalized) {
        for (int k = 0; k < r.parameters().size(); k++) {
            sb.append(quote(r.objective().text())).append(',').append(sweep).append(r.parameters().get(k).name())
                    .append(',').append(String.format(Locale.ROOT, "%.12g,%.12g,%.12g", r.parameters().get(k).value(),
                            gradient[k], normalized.applyAsDouble(k))).append('\n');
        }
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
