package org.memspice.spice.elements;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.memspice.spice.Netlists;
import org.memspice.spice.analysis.MnaSystem;

/**
 * The diode's analytic ∂(junction current)/∂p and ∂(junction charge)/∂p against Richardson-extrapolated
 * central differences of its own equations (the parameter set, the temperature update run again, the
 * current and charge at the same vd), for every parameter, over junction voltages in every region, at
 * three temperatures, on models that between them take every branch of the temperature update.
 */
class DiodeParameterDerivativeTest {
    /** Relative tolerance (an absolute floor for the differences' rounding is added in {@link #check}). */
    private static final double RELATIVE = 1e-6;
    private static final double[] TEMPERATURES = {27, -20, 85};

    /** Instance area and model card; the comment says which branches of the temperature update each takes. */
    private static final String[][] MODELS = {
        // knee found by iteration; RS, TT, TCV, TNOM, every parameter away from its default
        {"2", "IS=2e-14 N=1.1 RS=3 CJO=2p VJ=0.8 M=0.4 FC=0.6 BV=5 IBV=1e-4 NBV=1.3 TT=5n EG=1.2 XTI=2.5 TCV=1e-3"
                + " TNOM=25"},
        // IBV below IS·BV/vt: the knee is BV itself (moved by TCV)
        {"0.5", "IS=1e-12 N=1.4 CJO=1p VJ=0.7 M=0.33 FC=0.5 BV=3 IBV=1e-18 NBV=2 TT=1n EG=1.0 XTI=3.5 TCV=-2e-3"
                + " TNOM=50"},
        // FC·VJ above 1 V: the junction potential clamped to 1/FC
        {"3", "IS=1e-15 N=1.8 CJO=3p VJ=1.2 M=0.6 FC=0.95 TT=2n EG=0.69 XTI=2 TNOM=10"},
        // SPICE's defaults: CJO = TT = TCV = 0 differenced from 0
        {"1", "IS=1e-14"},
    };

    /** The largest relative error where the differences stand well above their floor, by what and region. */
    private final Map<String, Double> worst = new TreeMap<>();
    private final Map<String, String> worstAt = new TreeMap<>();

    @Test
    void analyticDerivativesMatchDifferencesOfTheDiodesEquations() {
        List<String> problems = new ArrayList<>();
        Set<String> covered = new TreeSet<>();
        for (String[] model : MODELS) {
            Diode d = diode(model[0], model[1]);
            for (double celsius : TEMPERATURES) {
                d.temperature(celsius);
                for (double vd : voltages(d)) {
                    covered.add(region(d, vd));
                    for (int k = 0; k < d.sensitivityParameters().size(); k++) {
                        if (d.notDifferentiable(k) == null) {
                            check(d, k, vd, celsius, problems);
                        }
                    }
                }
                covered.add(knee(d, celsius));
                covered.add(Math.abs(d.depletionLimit() - 1) < 1e-12 ? "FC·VJ clamped to 1" : "FC·VJ below 1");
            }
        }
        worst.forEach((where, error) -> System.out.printf("diode parameter derivatives, worst relative error of the"
                + " %s: %.2e (%s)%n", where, error, worstAt.get(where)));
        assertEquals(List.of(), problems);
        assertEquals(Set.of("breakdown, below FC·VJ", "reverse cubic, below FC·VJ", "exponential reverse, below FC·VJ",
                "exponential forward, below FC·VJ", "exponential forward, above FC·VJ", "knee iterated", "knee at BV",
                "no breakdown", "FC·VJ clamped to 1", "FC·VJ below 1"), covered);
    }

    private static Diode diode(String area, String card) {
        MnaSystem s = new MnaSystem(Netlists.circuit("d\nV1 a 0 0\nD1 a 0 dm " + area + "\n.model dm D(" + card
                + ")\n.op\n"));
        return (Diode) Arrays.stream(s.elements()).filter(e -> e instanceof Diode).findFirst().orElseThrow();
    }

    /** Junction voltages in every region, each well away from the region's boundaries. */
    private static double[] voltages(Diode d) {
        double vte = d.emissionVoltage();
        double fcvj = d.depletionLimit();
        double knee = d.breakdownKnee();
        List<Double> v = new ArrayList<>(List.of(-0.5 * Math.min(knee, 8), -8 * vte, -1.5 * vte, 0.5 * fcvj,
                0.9 * fcvj, fcvj + 0.05, fcvj + 0.3, 35 * vte));
        if (Double.isFinite(knee)) {
            v.add(-knee - 0.05);
            v.add(-knee - 0.25);
        }
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The branch of the current's equation and of the depletion charge's that vd takes. */
    private static String region(Diode d, double vd) {
        String current = vd < -d.breakdownKnee() ? "breakdown" : vd < -3 * d.emissionVoltage() ? "reverse cubic"
                : vd < 0 ? "exponential reverse" : "exponential forward";
        return current + (vd < d.depletionLimit() ? ", below FC·VJ" : ", above FC·VJ");
    }

    private static String knee(Diode d, double celsius) {
        if (!Double.isFinite(d.breakdownKnee())) {
            return "no breakdown";
        }
        double bv = value(d, "bv");
        double tcv = value(d, "tcv");
        double tnom = value(d, "tnom");
        return Math.abs(d.breakdownKnee() - (bv - tcv * (celsius - tnom))) < 1e-12 ? "knee at BV" : "knee iterated";
    }

    private static double value(Diode d, String parameter) {
        return d.parameterValue(d.sensitivityParameters().indexOf(parameter));
    }

    private void check(Diode d, int k, double vd, double celsius, List<String> problems) {
        String p = d.sensitivityParameters().get(k);
        double v = d.parameterValue(k);
        double scale = v != 0 ? Math.abs(v) : p.equals("cjo") ? 1e-12 : p.equals("tt") ? 1e-9 : 1e-3;
        double h = 1e-4 * scale;
        // CJO and TT cannot go below 0: from 0 they are differenced forward (the charge is linear in both)
        boolean forward = v == 0 && (p.equals("cjo") || p.equals("tt"));
        double[] at = evaluate(d, k, v, vd);
        double[] whole = difference(d, k, v, h, vd, forward, at);
        double[] half = difference(d, k, v, h / 2, vd, forward, at);
        d.setParameterValue(k, v);
        double[] analytic = {d.currentDerivative(k, vd), d.chargeDerivative(k, vd), d.kneeDerivative(k)};
        double[] slope = slope(d, vd);
        String[] what = {"current", "charge", "breakdown knee"};
        for (int j = 0; j < (Double.isFinite(d.breakdownKnee()) ? 3 : 2); j++) {
            // Richardson: the differences' error is h² (central) or h (forward) times a smooth coefficient
            double fd = forward ? 2 * half[j] - whole[j] : (4 * half[j] - whole[j]) / 3;
            // the floor is the differences' rounding: the function's own, grown by its sensitivity to the voltages
            // it is computed from (vd, the knee: in breakdown the current is some 150 times more sensitive to
            // their rounding than to its own), over the step
            double floor = 1e-9 * (Math.abs(at[j]) + Math.abs(vd * slope[j])) / scale + 1e-30;
            double error = Math.abs(analytic[j] - fd);
            if (error > RELATIVE * Math.abs(fd) + floor) {
                problems.add(String.format("%s by %s at vd=%.6g V, %.0f C: analytic %.9e, differences %.9e",
                        what[j], p, vd, celsius, analytic[j], fd));
            }
            String where = what[j] + (j < 2 ? " (" + region(d, vd) + ")" : "");
            if (Math.abs(fd) > 1e3 * floor && error / Math.abs(fd) > worst.getOrDefault(where, 0.0)) {
                worst.put(where, error / Math.abs(fd));
                worstAt.put(where, String.format("by %s at vd=%.6g V, %.0f C", p, vd, celsius));
            }
        }
    }

    /** The central (or forward) difference quotient of current, charge and knee with step h. */
    private static double[] difference(Diode d, int k, double v, double h, double vd, boolean forward, double[] at) {
        double[] up = evaluate(d, k, v + h, vd);
        double[] down = forward ? at : evaluate(d, k, v - h, vd);
        double width = forward ? h : 2 * h;
        return new double[] {(up[0] - down[0]) / width, (up[1] - down[1]) / width, (up[2] - down[2]) / width};
    }

    private static double[] evaluate(Diode d, int k, double value, double vd) {
        d.setParameterValue(k, value);
        return new double[] {d.junctionCurrent(vd), d.junctionCharge(vd), d.breakdownKnee()};
    }

    /** ∂/∂vd of current and charge (conductance and capacitance) by central differences; the knee's is 0. */
    private static double[] slope(Diode d, double vd) {
        double h = 1e-6 * Math.max(Math.abs(vd), d.emissionVoltage());
        return new double[] {(d.junctionCurrent(vd + h) - d.junctionCurrent(vd - h)) / (2 * h),
            (d.junctionCharge(vd + h) - d.junctionCharge(vd - h)) / (2 * h), 0};
    }
}
