package org.memspice.spice.sensitivity;

import java.util.ArrayList;
import java.util.List;
import org.memspice.spice.analysis.MnaSystem;
import org.memspice.spice.circuit.Analysis;
import org.memspice.spice.element.Element;
import org.memspice.spice.element.IndependentSource;

/**
 * Direct sensitivities at every point of a {@code .dc} sweep: at each point the swept sources
 * (or the temperature) are set as the DC analysis sets them, the operating point is solved and
 * {@link DcSensitivity} differentiates the objective there. The first sweep is the inner loop, as
 * in {@code .dc}. A swept source's own value is not a parameter here (the sweep overrides it):
 * naming it is refused.
 */
public final class DcSweepSensitivity {
    private DcSweepSensitivity() {
    }

    public static SensitivityResult compute(MnaSystem system, Analysis.Dc spec, Objective objective,
            List<SensParameter> parameters) {
        List<Analysis.Sweep> sweeps = spec.sweeps();
        IndependentSource[] sources = new IndependentSource[sweeps.size()];
        double[][] values = new double[sweeps.size()][];
        for (int k = 0; k < sweeps.size(); k++) {
            Analysis.Sweep s = sweeps.get(k);
            values[k] = s.values();
            if (s.isTemperature()) {
                continue;
            }
            Element e = system.circuit().element(s.source());
            if (!(e instanceof IndependentSource)) {
                throw new IllegalArgumentException(".dc sweeps an independent source, but " + s.source()
                        + (e == null ? " does not exist" : " is not a V or I source"));
            }
            sources[k] = (IndependentSource) e;
            for (SensParameter p : parameters) {
                for (SensParameter.Target t : p.targets()) {
                    if (t.element() == e) {
                        throw new IllegalArgumentException("parameter " + p.name() + ": " + s.source()
                                + " is swept by .dc (its value is the sweep's, not a parameter)");
                    }
                }
            }
        }
        double temperature = system.circuit().options().temp;
        List<SensitivityResult.SweepPoint> points = new ArrayList<>();
        int[] idx = new int[sweeps.size()];
        double forward = 0;
        double sens = 0;
        SensitivityResult last = null;
        try {
            while (true) {
                double[] at = new double[sweeps.size()];
                for (int k = 0; k < sweeps.size(); k++) {
                    at[k] = values[k][idx[k]];
                    if (sources[k] == null) {
                        system.setTemperature(at[k]);
                    } else {
                        sources[k].setSweepValue(at[k]);
                    }
                }
                system.parametersChanged();
                last = DcSensitivity.compute(system, objective, parameters);
                forward += last.forwardSeconds();
                sens += last.sensitivitySeconds();
                points.add(new SensitivityResult.SweepPoint(at, last.value(), last.gradient()));
                int k = 0;
                while (k < sweeps.size() && ++idx[k] == values[k].length) {
                    idx[k] = 0;
                    k++;
                }
                if (k == sweeps.size()) {
                    break;
                }
            }
        } finally {
            for (int k = 0; k < sweeps.size(); k++) {
                if (sources[k] == null) {
                    system.setTemperature(temperature);
                } else {
                    sources[k].setSweepValue(Double.NaN);
                }
            }
            system.parametersChanged();
        }
        List<String> names = new ArrayList<>();
        for (Analysis.Sweep s : sweeps) {
            names.add(s.source());
        }
        return new SensitivityResult(objective, last.value(), parameters, last.gradient(), forward, sens, 0, 0, names,
                points);
    }
}
