package org.memspice.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.memspice.devices.memristor.MemristorModel;
import org.memspice.devices.memristor.MemristorModelProvider;
import org.memspice.devices.memristor.MemristorModels;
import org.memspice.devices.memristor.MemristorPoint;
import org.memspice.devices.memristor.ParameterDerivatives;

/**
 * Every registered model's derivatives with respect to its parameters equal central differences
 * of the model re-created with that parameter moved, over a grid of (v, x) that spans both
 * polarities below and above the thresholds and the state range up to near its bounds, for the
 * defaults and for parameter sets that switch on each optional form; every deterministic model is
 * analytic in every continuous parameter, and the numerical path agrees with it. The registry finds
 * every model by name, alias and level.
 */
class ModelParameterDerivativesTest {
    /**
     * Per registered model: the largest |v| of the grid and the parameter sets checked (the
     * defaults first). A model with no continuous parameter (the stochastic cbram) has none.
     */
    private static final Map<String, Grid> GRIDS = Map.of(
            "hp", new Grid(1.2, List.of(Map.of(), Map.of("wt", 0.0), Map.of("wt", 1.0, "p", 2.0),
                    Map.of("wt", 2.0, "p", 2.0), Map.of("wt", 3.0, "p", 2.0, "j", 0.8))),
            "team", new Grid(2.0, List.of(Map.of(), Map.of("wc", 0.3e-9), Map.of("wc", 0.3e-9, "ivrelation", 1.0),
                    Map.of("wt", 0.0), Map.ofEntries(Map.entry("xscaling", 1e9), Map.entry("xon", 0.05e-9),
                            Map.entry("wc", 0.3e-9), Map.entry("aon", 0.1e-9), Map.entry("aoff", 2.9e-9),
                            Map.entry("kon", -1e-12), Map.entry("koff", 2e-12), Map.entry("ion", -2e-5),
                            Map.entry("ioff", 5e-5), Map.entry("alphaon", 2.5), Map.entry("alphaoff", 1.5)))),
            "yakopcic", new Grid(0.6, List.of(Map.of(), Map.of("a2", 0.2, "vn", 0.1, "xp", 0.4, "alphan", 3.0))),
            "vteam", new Grid(0.8, List.of(Map.of(), Map.of("wc", 0.3e-9), Map.of("wc", 0.3e-9, "ivrelation", 1.0),
                    Map.of("wt", 0.0), Map.of("wc", 0.2e-9, "aon", 0.2e-9, "aoff", 2.8e-9, "alphaon", 2.5,
                            "alphaoff", 1.5, "von", -0.3, "voff", 0.1))),
            "stanford_pku", new Grid(1.6, List.of(Map.of(), Map.of("rth", 5e3, "beta", 1.2, "t0", 350.0))),
            "threshold", new Grid(0.3, List.of(Map.of())),
            "cbram", new Grid(0, List.of()));

    /** The weights·6h of (4·D(h/2) − D(h))/3 on the values at +h, −h, +h/2, −h/2. */
    private static final double[] RICHARDSON = {-1, 1, 8, -8};

    private record Grid(double vmax, List<Map<String, Double>> sets) {
    }

    /** Every registered model with each of its parameter sets. */
    static Stream<Arguments> models() {
        List<Arguments> out = new ArrayList<>();
        for (MemristorModelProvider p : MemristorModels.providers()) {
            Grid g = GRIDS.get(p.name());
            for (Map<String, Double> set : g == null ? List.<Map<String, Double>>of() : g.sets()) {
                out.add(Arguments.of(p.name(), set, g.vmax()));
            }
        }
        return out.stream();
    }

    @Test
    void everyRegisteredModelHasAGrid() {
        List<String> names = new ArrayList<>();
        MemristorModels.providers().forEach(p -> names.add(p.name()));
        assertEquals(new TreeSet<>(names), new TreeSet<>(GRIDS.keySet()), "add a grid for each new model here");
    }

    /** The voltages of the grid: both polarities, dense near 0 (below the thresholds: TEAM's ION is 9 µA) and up to ±vmax. */
    private static double[] voltages(double vmax) {
        double[] v = new double[17];
        for (int iv = -8; iv <= 8; iv++) {
            double u = (iv + 0.37) / 8;
            v[iv + 8] = vmax * u * u * u;
        }
        return v;
    }

    /** The states of the grid, as fractions of the state range: near both bounds and across. */
    private static double[] states(MemristorModel m) {
        double[] f = {0.004, 0.02, 0.113, 0.213, 0.313, 0.413, 0.513, 0.613, 0.713, 0.813, 0.913, 0.98, 0.996};
        double[] x = new double[f.length];
        for (int k = 0; k < f.length; k++) {
            x[k] = m.minState() + (m.maxState() - m.minState()) * f[k];
        }
        return x;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("models")
    void parameterDerivativesMatchDifferencesOfTheModel(String kind, Map<String, Double> params, double vmax) {
        MemristorModel m = MemristorModels.create(kind, params);
        ParameterDerivatives d = new ParameterDerivatives(m);
        MemristorPoint p = new MemristorPoint();
        MemristorPoint at = new MemristorPoint();
        double span = m.maxState() - m.minState();
        int checked = 0;
        double worst = 0;
        Set<String> regions = new TreeSet<>();
        for (int k = 0; k < d.names().size(); k++) {
            if (d.notDifferentiable(k) != null) {
                continue;
            }
            assertTrue(d.isAnalytic(k), kind + " " + d.names().get(k) + " is differentiated numerically");
            String name = d.names().get(k);
            double value = m.parameters().get(name);
            // a larger step than ParameterDerivatives' own, so that the comparison is not with itself, and
            // Richardson's extrapolation of the differences at h and h/2, (4·D(h/2) − D(h))/3, so that the
            // difference's truncation error (steep Kvatinsky windows: WC is 1e-3 of AON) stays below 1e-4
            double h = 1e-5 * (value == 0 ? span : Math.abs(value));
            MemristorModel[] moved = new MemristorModel[4];
            double[] steps = {h, -h, h / 2, -h / 2};
            for (int j = 0; j < 4; j++) {
                moved[j] = MemristorModels.withParameter(m, name, value + steps[j]);
            }
            for (double v : voltages(vmax)) {
                for (double x : states(m)) {
                    if (!sameBranch(m, moved[0], moved[1], v, x)) {
                        continue;
                    }
                    d.derivative(k, v, x, p);
                    double fdI = 0;
                    double fdF = 0;
                    double noiseI = 0;
                    double noiseF = 0;
                    for (int j = 0; j < 4; j++) {
                        moved[j].evaluate(v, x, at);
                        double w = RICHARDSON[j] / (6 * h);
                        fdI += w * at.current;
                        fdF += w * at.rate;
                        noiseI += Math.abs(w * at.current);
                        noiseF += Math.abs(w * at.rate);
                    }
                    String where = kind + " d/d" + name + " at v=" + v + ", x=" + x;
                    assertTrue(close(fdI, p.current, noiseI), "dI" + where + ": fd " + fdI + " vs " + p.current);
                    assertTrue(close(fdF, p.rate, noiseF), "df" + where + ": fd " + fdF + " vs " + p.rate);
                    worst = Math.max(worst, Math.max(relativeError(fdI, p.current, noiseI), relativeError(fdF, p.rate, noiseF)));
                    checked++;
                    m.evaluate(v, x, at);
                    regions.add((v > 0 ? "+" : "-") + (at.rate == 0 ? "0" : "f"));
                }
            }
        }
        // both polarities, and where the model has thresholds (a rate of 0 somewhere), both sides of them
        assertTrue(regions.containsAll(regions.contains("+0") || regions.contains("-0") ? Set.of("+0", "+f", "-0", "-f")
                : Set.of("+f", "-f")), kind + " " + params + ": the grid reaches only " + regions);
        System.out.printf(Locale.ROOT, "parameter derivatives %s %s: %d points, worst relative error %.2g%n", kind, params,
                checked, worst);
    }

    /** Within 1e-4 relative, or within the rounding noise of the difference (scale = Σ|weight·value|). */
    private static boolean close(double fd, double an, double scale) {
        return Math.abs(fd - an) <= 1e-4 * Math.max(Math.abs(fd), Math.abs(an)) + 1e-13 * scale + 1e-300;
    }

    /** |fd − an| relative to the larger, where that is far (10⁶ times) above the difference's rounding noise; else 0. */
    private static double relativeError(double fd, double an, double scale) {
        double size = Math.max(Math.abs(fd), Math.abs(an));
        return size > 1e6 * 1e-13 * scale && size > 0 ? Math.abs(fd - an) / size : 0;
    }

    /**
     * The model and the two perturbed ones take the same piecewise branch at (v, x): the same zero
     * pattern of the rate (a threshold crossed between them makes the difference meaningless). The
     * grid keeps at least 0.013 of the range from the kinks where the rate stays continuous but its
     * slope jumps (Yakopcic's x = xp and x = 1 − xn), far beyond the steps.
     */
    private static boolean sameBranch(MemristorModel m, MemristorModel a, MemristorModel b, double v, double x) {
        MemristorPoint pm = new MemristorPoint();
        MemristorPoint pa = new MemristorPoint();
        MemristorPoint pb = new MemristorPoint();
        m.evaluate(v, x, pm);
        a.evaluate(v, x, pa);
        b.evaluate(v, x, pb);
        return (pa.rate == 0) == (pm.rate == 0) && (pb.rate == 0) == (pm.rate == 0);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("models")
    void everyContinuousParameterIsAnalytic(String kind, Map<String, Double> params, double vmax) {
        MemristorModel m = MemristorModels.create(kind, params);
        assertEquals(List.of(), ParameterDerivatives.numerical(m));
    }

    /**
     * The numerical path (central differences of the model re-created by kind), taken for a model
     * that hides its analytic derivatives, agrees with them over the grid.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("models")
    void numericalPathAgreesWithTheAnalyticDerivatives(String kind, Map<String, Double> params, double vmax) {
        MemristorModel m = MemristorModels.create(kind, params);
        MemristorModel hidden = new NumericalOnlyModel(m);
        ParameterDerivatives analytic = new ParameterDerivatives(m);
        ParameterDerivatives numerical = new ParameterDerivatives(hidden);
        List<String> continuous = new ArrayList<>();
        for (int k = 0; k < analytic.names().size(); k++) {
            if (analytic.notDifferentiable(k) == null) {
                continuous.add(analytic.names().get(k));
            }
        }
        assertEquals(continuous, ParameterDerivatives.numerical(hidden));
        MemristorPoint a = new MemristorPoint();
        MemristorPoint n = new MemristorPoint();
        MemristorPoint at = new MemristorPoint();
        int checked = 0;
        for (int k = 0; k < analytic.names().size(); k++) {
            if (analytic.notDifferentiable(k) != null) {
                continue;
            }
            assertTrue(!numerical.isAnalytic(k));
            String name = analytic.names().get(k);
            double value = m.parameters().get(name);
            double h = 1e-6 * (value == 0 ? Math.abs(m.maxState()) + Math.abs(m.minState()) : Math.abs(value));
            MemristorModel mu = MemristorModels.withParameter(m, name, value + h);
            MemristorModel md = MemristorModels.withParameter(m, name, value - h);
            for (double v : voltages(vmax)) {
                for (double x : states(m)) {
                    if (!sameBranch(m, mu, md, v, x)) {
                        continue;
                    }
                    analytic.derivative(k, v, x, a);
                    numerical.derivative(k, v, x, n);
                    m.evaluate(v, x, at);
                    String where = kind + " d/d" + name + " at v=" + v + ", x=" + x;
                    assertTrue(close(n.current, a.current, 2 * Math.abs(at.current) / h),
                            "dI" + where + ": numerical " + n.current + " vs " + a.current);
                    assertTrue(close(n.rate, a.rate, 2 * Math.abs(at.rate) / h),
                            "df" + where + ": numerical " + n.rate + " vs " + a.rate);
                    checked++;
                }
            }
        }
        assertTrue(checked > 0);
    }

    /**
     * The stochastic cbram switches at random, not by a rate: every parameter is refused by name (a
     * discrete choice), and none is differentiated numerically either.
     */
    @Test
    void boundDerivativesOfAParameterAtZeroInScaledUnits() {
        // TEAM with XSCALING 1e9 carries its state in nm; XON (0 by default) is given in metres. A first
        // step of 1e-6 of the state range (3.2e-6 m) jumps XON past XOFF (3e-9 m): the step must shrink.
        for (Map<String, Double> given : List.of(Map.of("xscaling", 1e9), Map.of("xscaling", 1e9, "wt", 4.0, "wc", 0.3e-9))) {
            MemristorModel m = MemristorModels.create("team", given);
            ParameterDerivatives d = new ParameterDerivatives(m);
            int k = d.names().indexOf("xon");
            double h = 1e-18;
            Map<String, Double> p = new java.util.HashMap<>(m.parameters());
            p.put("xon", h);
            MemristorModel up = MemristorModels.create("team", p);
            p.put("xon", -h);
            MemristorModel down = MemristorModels.create("team", p);
            double lower = (up.minState() - down.minState()) / (2 * h);
            double upper = (up.maxState() - down.maxState()) / (2 * h);
            assertEquals(lower, d.minStateDerivative(k), 1e-6 * Math.abs(lower) + 1e-3, given + " lower bound");
            assertEquals(upper, d.maxStateDerivative(k), 1e-6 * Math.abs(lower) + 1e-3, given + " upper bound");
            assertTrue(Math.abs(lower) > 1e8, given + ": d(min)/d(xon) " + lower);
        }
    }

    @Test
    void theStochasticModelRefusesEveryParameter() {
        MemristorModel m = MemristorModels.create("cbram", Map.of());
        ParameterDerivatives d = new ParameterDerivatives(m);
        assertTrue(d.names().size() > 0);
        for (int k = 0; k < d.names().size(); k++) {
            assertTrue(d.notDifferentiable(k) != null, d.names().get(k));
        }
        assertEquals(List.of(), ParameterDerivatives.numerical(m));
    }

    @Test
    void registryFindsEveryModel() {
        List<String> names = new ArrayList<>();
        for (MemristorModelProvider p : MemristorModels.providers()) {
            names.add(p.name());
            assertEquals(p.name(), MemristorModels.create(p.name(), Map.of()).kind());
            if (p.level() != 0) {
                assertEquals(p.name(), MemristorModels.kindOfLevel(p.level()));
            }
        }
        assertEquals(List.of("hp", "team", "yakopcic", "vteam", "stanford_pku", "threshold", "cbram"), names);
        assertEquals(MemristorModels.KINDS, String.join(", ", names.subList(0, names.size() - 1)));
        assertEquals("hp", MemristorModels.create("linear_ion_drift", Map.of()).kind());
        assertEquals("stanford_pku", MemristorModels.create("stanford", Map.of()).kind());
        String msg = assertThrows(IllegalArgumentException.class, () -> MemristorModels.create("nope", Map.of()))
                .getMessage();
        assertTrue(msg.contains("nope") && msg.contains(MemristorModels.kinds()), msg);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MemristorModels.kindOfLevel(4)).getMessage()
                .contains("8 cbram"));
    }
}
