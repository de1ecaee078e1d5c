package org.memspice.devices;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.memspice.devices.memristor.MemristorModel;
import org.memspice.devices.memristor.MemristorModels;
import org.memspice.devices.memristor.MemristorPoint;
import org.memspice.devices.memristor.ParameterDerivatives;

/**
 * Cost of one {@link ParameterDerivatives#derivative} call, the model's analytic derivatives
 * against the numerical path (central differences of the model re-created by kind, taken for the
 * same model with its analytic derivatives hidden: {@link NumericalOnlyModel}), over every
 * continuous parameter and a 16 × 16 grid of (v, x) in ±VMAX and the state range. The two are
 * timed in alternating rounds (so that other load on the machine falls on both alike), and the best
 * round of each is printed. No JMH: a figure for the docs, not a test.
 * usage: ParameterDerivativesBench [KIND [VMAX [NAME=VALUE ...]]] (default: vteam 0.8 wc=0.3e-9)
 */
public final class ParameterDerivativesBench {
    private ParameterDerivativesBench() {
    }

    public static void main(String[] args) {
        String kind = args.length > 0 ? args[0] : "vteam";
        double vmax = args.length > 1 ? Double.parseDouble(args[1]) : 0.8;
        Map<String, Double> params = new HashMap<>();
        if (args.length > 2) {
            for (int i = 2; i < args.length; i++) {
                String[] kv = args[i].split("=", 2);
                params.put(kv[0], Double.parseDouble(kv[1]));
            }
        } else if (args.length == 0) {
            params.put("wc", 0.3e-9);
        }
        MemristorModel m = MemristorModels.create(kind, params);
        ParameterDerivatives analytic = new ParameterDerivatives(m);
        ParameterDerivatives numerical = new ParameterDerivatives(new NumericalOnlyModel(m));
        List<Integer> continuous = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int k = 0; k < analytic.names().size(); k++) {
            if (analytic.notDifferentiable(k) == null) {
                continuous.add(k);
                names.add(analytic.names().get(k));
            }
        }
        int[] ks = continuous.stream().mapToInt(Integer::intValue).toArray();
        double[] vs = new double[16];
        double[] xs = new double[16];
        for (int i = 0; i < 16; i++) {
            vs[i] = vmax * (-1 + 2 * (i + 0.37) / 16);
            xs[i] = m.minState() + (m.maxState() - m.minState()) * (i + 0.5) / 16;
        }
        MemristorPoint out = new MemristorPoint();
        long calls = (long) ks.length * vs.length * xs.length;
        int reps = 100;
        double sink = run(analytic, ks, vs, xs, 4 * reps, out) + run(numerical, ks, vs, xs, 4 * reps, out);
        double[] best = {Double.MAX_VALUE, Double.MAX_VALUE};
        for (int round = 0; round < 30; round++) {
            for (int w = 0; w < 2; w++) {
                long t0 = System.nanoTime();
                sink += run(w == 0 ? analytic : numerical, ks, vs, xs, reps, out);
                best[w] = Math.min(best[w], (System.nanoTime() - t0) / (double) (calls * reps));
            }
        }
        System.out.printf(Locale.ROOT, "%s %s, %d parameters %s (numerical: %s)%n", kind, params, ks.length, names,
                ParameterDerivatives.numerical(m));
        System.out.printf(Locale.ROOT, "analytic %.1f ns, numerical %.1f ns per derivative call (ratio %.2f; best of 30"
                + " alternating rounds of %d calls each; checksum %.6g)%n", best[0], best[1], best[1] / best[0],
                calls * reps, sink);
    }

    private static double run(ParameterDerivatives d, int[] ks, double[] vs, double[] xs, int reps, MemristorPoint out) {
        double sink = 0;
        for (int r = 0; r < reps; r++) {
            for (int k : ks) {
                for (double v : vs) {
                    for (double x : xs) {
                        d.derivative(k, v, x, out);
                        sink += out.current + out.rate;
                    }
                }
            }
        }
        return sink;
    }
}
