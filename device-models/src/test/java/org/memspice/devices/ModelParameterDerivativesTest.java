package org.memspice.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.memspice.devices.memristor.MemristorModel;
import org.memspice.devices.memristor.MemristorModelProvider;
import org.memspice.devices.memristor.MemristorModels;
import org.memspice.devices.memristor.MemristorPoint;
import org.memspice.devices.memristor.ParameterDerivatives;

/**
 * Every model's derivatives with respect to its parameters equal central differences of the
 * model re-created with that parameter moved, over the grid of {@link ModelDerivativesTest}; and
 * the registry finds every model by name, alias and level.
 */
class ModelParameterDerivativesTest {
    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> models() {
        return ModelDerivativesTest.models();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("models")
    void parameterDerivativesMatchDifferencesOfTheModel(String kind, Map<String, Double> params, double vmax) {
        MemristorModel m = MemristorModels.create(kind, params);
        ParameterDerivatives d = new ParameterDerivatives(m);
        MemristorPoint p = new MemristorPoint();
        MemristorPoint up = new MemristorPoint();
        MemristorPoint down = new MemristorPoint();
        double lo = m.minState();
        double span = m.maxState() - lo;
        int checked = 0;
        for (int k = 0; k < d.names().size(); k++) {
            if (d.notDifferentiable(k) != null) {
                continue;
            }
            String name = d.names().get(k);
            double value = m.parameters().get(name);
            // a larger step than ParameterDerivatives' own, so that the comparison is not with itself
            double h = 1e-5 * (value == 0 ? span : Math.abs(value));
            Map<String, Double> plus = new HashMap<>(m.parameters());
            plus.put(name, value + h);
            Map<String, Double> minus = new HashMap<>(m.parameters());
            minus.put(name, value - h);
            MemristorModel mu = MemristorModels.create(kind, plus);
            MemristorModel md = MemristorModels.create(kind, minus);
            for (int iv = -8; iv <= 8; iv++) {
                double v = vmax * (iv + 0.37) / 8;
                for (int ix = 1; ix <= 9; ix++) {
                    double x = lo + span * (ix / 10.0 + 0.013);
                    d.derivative(k, v, x, p);
                    mu.evaluate(v, x, up);
                    md.evaluate(v, x, down);
                    if (!sameBranch(mu, md, v, x)) {
                        continue;
                    }
                    double fdI = (up.current - down.current) / (2 * h);
                    double fdF = (up.rate - down.rate) / (2 * h);
                    String at = kind + " d/d" + name + " at v=" + v + ", x=" + x;
                    assertTrue(close(fdI, p.current, (Math.abs(up.current) + Math.abs(down.current)) / h),
                            "dI" + at + ": fd " + fdI + " vs " + p.current);
                    assertTrue(close(fdF, p.rate, (Math.abs(up.rate) + Math.abs(down.rate)) / h),
                            "df" + at + ": fd " + fdF + " vs " + p.rate);
                    checked++;
                }
            }
        }
        assertTrue(checked > 0);
    }

    /** Within 1e-4 relative, or within the rounding noise of the difference (scale = |values|/h). */
    private static boolean close(double fd, double an, double scale) {
        return Math.abs(fd - an) <= 1e-4 * Math.max(Math.abs(fd), Math.abs(an)) + 1e-13 * scale + 1e-300;
    }

    /** The two perturbed models take the same piecewise branch (same zero pattern of the rate). */
    private static boolean sameBranch(MemristorModel a, MemristorModel b, double v, double x) {
        MemristorPoint pa = new MemristorPoint();
        MemristorPoint pb = new MemristorPoint();
        a.evaluate(v, x, pa);
        b.evaluate(v, x, pb);
        return (pa.rate == 0) == (pb.rate == 0);
    }

    @Test
    void analyticWhereTheModelsClaimIt() {
        assertEquals(List.of(), ParameterDerivatives.numerical(MemristorModels.create("threshold", Map.of())));
        assertEquals(List.of(), ParameterDerivatives.numerical(MemristorModels.create("yakopcic", Map.of())));
        assertEquals(List.of(), ParameterDerivatives.numerical(MemristorModels.create("hp", Map.of())));
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
