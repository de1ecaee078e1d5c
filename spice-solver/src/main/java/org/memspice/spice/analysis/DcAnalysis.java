package org.memspice.spice.analysis;

import java.util.ArrayList;
import java.util.List;
import org.memspice.spice.circuit.Analysis;
import org.memspice.spice.circuit.Circuit;
import org.memspice.spice.element.Element;
import org.memspice.spice.element.IndependentSource;
import org.memspice.spice.output.Waveforms;

/**
 * {@code .op} and {@code .dc}: operating points, the sweep continuing from the previous
 * point's solution (nested sweeps: the first is the inner loop).
 */
public final class DcAnalysis {
    private final MnaSystem system;
    private final Progress progress;
    private final Statistics stats = new Statistics();

    public DcAnalysis(MnaSystem system) {
        this(system, Progress.NONE);
    }

    /** A DC analysis that tells {@code progress} how far a long sweep has come. */
    public DcAnalysis(MnaSystem system, Progress progress) {
        this.system = system;
        this.progress = progress;
    }

    public Statistics statistics() {
        return stats;
    }

    public Waveforms operatingPoint(OutputVectors outputs) {
        long start = System.nanoTime();
        Newton newton = new Newton(system);
        double[] x = new double[system.size() + 1];
        new OperatingPoint(system, newton).solve(x, java.util.Map.of(), "the DC operating point");
        Waveforms w = new Waveforms(system.circuit().title(), "op", null, outputs.names());
        double[] sample = new double[outputs.size()];
        outputs.sample(x, sample);
        w.add(0, sample);
        stats.analysis = "op";
        stats.acceptedSteps = 1;
        TransientAnalysis.fillStatistics(stats, system, newton);
        stats.solveSeconds = (System.nanoTime() - start) / 1e9;
        return w;
    }

    public Waveforms sweep(Analysis.Dc spec, OutputVectors outputs) {
        long start = System.nanoTime();
        Circuit c = system.circuit();
        List<SweptSource> swept = new ArrayList<>();
        for (Analysis.Sweep s : spec.sweeps()) {
            swept.add(new SweptSource(system, s));
        }
        String scale = swept.get(0).scaleName();
        List<String> names = new ArrayList<>();
        for (int k = 1; k < swept.size(); k++) {
            names.add(swept.get(k).scaleName() + (k + 1));
        }
        names.addAll(outputs.names());
        Waveforms w = new Waveforms(c.title(), "dc", scale, names);
        Newton newton = new Newton(system);
        OperatingPoint op = new OperatingPoint(system, newton);
        double[] x = new double[system.size() + 1];
        double[] sample = new double[outputs.size()];
        double[] row = new double[names.size()];
        int[] idx = new int[swept.size()];
        double[][] values = new double[swept.size()][];
        for (int k = 0; k < swept.size(); k++) {
            values[k] = spec.sweeps().get(k).values();
        }
        long total = 1;
        for (double[] v : values) {
            total *= v.length;
        }
        boolean first = true;
        try {
            while (true) {
                boolean temperatureChanged = false;
                for (int k = 0; k < swept.size(); k++) {
                    swept.get(k).set(values[k][idx[k]]);
                    temperatureChanged |= swept.get(k).isTemperature;
                }
                double inner = values[0][idx[0]];
                if (first || temperatureChanged) {
                    op.solve(x, java.util.Map.of(), "the DC sweep at " + swept.get(0).name + " = " + inner);
                    first = false;
                } else if (!newton.solve(x, c.options().itl2, false, Newton.NONE)) {
                    op.solve(x, java.util.Map.of(), "the DC sweep at " + swept.get(0).name + " = " + inner);
                }
                outputs.sample(x, sample);
                for (int k = 1; k < swept.size(); k++) {
                    row[k - 1] = values[k][idx[k]];
                }
                System.arraycopy(sample, 0, row, swept.size() - 1, sample.length);
                w.add(inner, row);
                stats.acceptedSteps++;
                if ((stats.acceptedSteps & 255) == 0) {
                    progress.update("dc", stats.acceptedSteps / (double) total);
                    double at = inner;
                    SimulationInterruptedException.check(() -> "at " + swept.get(0).name + " = " + at
                            + " of the DC sweep");
                }
                int k = 0;
                while (k < swept.size() && ++idx[k] == values[k].length) {
                    idx[k] = 0;
                    k++;
                }
                if (k == swept.size()) {
                    break;
                }
            }
        } finally {
            for (SweptSource s : swept) {
                s.restore();
            }
        }
        stats.analysis = "dc";
        TransientAnalysis.fillStatistics(stats, system, newton);
        stats.solveSeconds = (System.nanoTime() - start) / 1e9;
        return w;
    }

    /** What one level of a sweep sets: a V or I source's DC value, or the circuit temperature. */
    private static final class SweptSource {
        final String name;
        final boolean isCurrent;
        final boolean isTemperature;
        final IndependentSource source;
        final MnaSystem system;
        final double restoreTemperature;

        SweptSource(MnaSystem system, Analysis.Sweep s) {
            this.system = system;
            this.name = s.source();
            this.isTemperature = s.isTemperature();
            this.restoreTemperature = system.circuit().options().temp;
            if (isTemperature) {
                source = null;
                isCurrent = false;
                return;
            }
            Element e = system.circuit().element(s.source());
            if (!(e instanceof IndependentSource)) {
                throw new SimulationException(".dc sweeps an independent source, but " + s.source()
                        + (e == null ? " does not exist" : " is not a V or I source"));
            }
            source = (IndependentSource) e;
            isCurrent = source.isCurrentSource();
        }

        String scaleName() {
            return isTemperature ? "temp-sweep" : isCurrent ? "i-sweep" : "v-sweep";
        }

        void set(double v) {
            if (isTemperature) {
                system.setTemperature(v);
            } else {
                source.setSweepValue(v);
            }
        }

        void restore() {
            if (isTemperature) {
                system.setTemperature(restoreTemperature);
            } else {
                source.setSweepValue(Double.NaN);
            }
        }
    }
}
