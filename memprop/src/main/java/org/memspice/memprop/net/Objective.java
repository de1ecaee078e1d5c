package org.memspice.memprop.net;


/**
 * The loss on the output layer's membrane voltages v_k(t_n), n = 1..T, and the read-out that
 * predicts a class.
 *
 * <ul>
 *   <li>{@code ce-sum}: cross-entropy of softmax(z) with z_k = mean_n v_k(t_n) / s (the
 *       membrane potential summed over time, in units of the logit scale s).</li>
 *   <li>{@code ce-max}: the same with z_k = max_n v_k(t_n) / s.</li>
 *   <li>{@code mse-count}: mean over classes of (c_k − target_k)², target countOn for the label
 *       and countOff for the others, with the differentiable spike count
 *       c_k = Σ_n max(0, σ((v_k(t_{n+1}) − θ)/w) − σ((v_k(t_n) − θ)/w)): the upward excursions of
 *       a sigmoid of the membrane voltage around the read-out threshold θ (width w); every analog
 *       spike that rises from well below θ to well above it counts 1, a spike that only grazes θ
 *       counts a fraction, so the count has a gradient everywhere the membrane moves.</li>
 * </ul>
 *
 * Read-outs: {@code max} (class of the highest membrane voltage over time), {@code mean} (highest
 * time-averaged voltage), {@code count} (most read-out spikes, ties broken by the highest voltage).
 */
public record Objective(Loss loss, Readout readout, double logitScale, double countOn, double countOff, double countWidth,
        double threshold) {

    public enum Loss {
        CE_SUM, CE_MAX, MSE_COUNT;

        public String option() {
            return org.memspice.memprop.Choices.word(this);
        }

        public static Loss parse(String s) {
            return org.memspice.memprop.Choices.parse(Loss.class, s, "loss");
        }
    }

    public enum Readout {
        MAX, MEAN, COUNT;

        public String option() {
            return org.memspice.memprop.Choices.word(this);
        }

        public static Readout parse(String s) {
            return org.memspice.memprop.Choices.parse(Readout.class, s, "read-out");
        }
    }

    public Objective {
        if (!(logitScale > 0 && logitScale <= 10)) {
            throw new IllegalArgumentException("--logit-scale must be in (0, 10] V, got " + logitScale);
        }
        if (!(countOn >= 0 && countOn <= 1000 && countOff >= 0 && countOff <= 1000)) {
            throw new IllegalArgumentException("--count-target values must be in [0, 1000], got " + countOn + ", " + countOff);
        }
        if (!(countWidth > 0 && countWidth <= 1)) {
            throw new IllegalArgumentException("count sigmoid width must be in (0, 1] V, got " + countWidth);
        }
    }

    /**
     * Loss of one sample from its output history h (time point n, neuron k at
     * h[(n·batch + sample)·classes + k], n = 0..steps); adds dLoss/dv into grad at the same layout.
     */
    public double lossAndGradient(double[] h, int steps, int batch, int sample, int classes, int label, double[] grad,
            double[] scratch) {
        switch (loss) {
            case CE_SUM:
            case CE_MAX: {
                double[] z = scratch;
                for (int k = 0; k < classes; k++) {
                    double acc = loss == Loss.CE_SUM ? 0 : Double.NEGATIVE_INFINITY;
                    for (int n = 1; n <= steps; n++) {
                        double v = h[(n * batch + sample) * classes + k];
                        acc = loss == Loss.CE_SUM ? acc + v : Math.max(acc, v);
                    }
                    z[k] = (loss == Loss.CE_SUM ? acc / steps : acc) / logitScale;
                }
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < classes; k++) {
                    max = Math.max(max, z[k]);
                }
                double sum = 0;
                for (int k = 0; k < classes; k++) {
                    sum += Math.exp(z[k] - max);
                }
                double lse = max + Math.log(sum);
                for (int k = 0; k < classes; k++) {
                    double dz = Math.exp(z[k] - lse) - (k == label ? 1 : 0);
                    if (loss == Loss.CE_SUM) {
                        double g = dz / (steps * logitScale);
                        for (int n = 1; n <= steps; n++) {
                            grad[(n * batch + sample) * classes + k] += g;
                        }
                    } else {
                        int best = 1;
                        for (int n = 1; n <= steps; n++) {
                            if (h[(n * batch + sample) * classes + k] > h[(best * batch + sample) * classes + k]) {
                                best = n;
                            }
                        }
                        grad[(best * batch + sample) * classes + k] += dz / logitScale;
                    }
                }
                return lse - z[label];
            }
            case MSE_COUNT: {
                double total = 0;
                for (int k = 0; k < classes; k++) {
                    double count = 0;
                    double prev = sigmoid((h[sample * classes + k] - threshold) / countWidth);
                    for (int n = 0; n < steps; n++) {
                        double next = sigmoid((h[((n + 1) * batch + sample) * classes + k] - threshold) / countWidth);
                        if (next > prev) {
                            count += next - prev;
                        }
                        prev = next;
                    }
                    double target = k == label ? countOn : countOff;
                    double err = count - target;
                    total += err * err / classes;
                    double g = 2 * err / classes;
                    // d count / d v(t_n): +σ'(n) where the step into n rose, −σ'(n) where the step out of n rose
                    double sPrev = sigmoid((h[sample * classes + k] - threshold) / countWidth);
                    for (int n = 0; n < steps; n++) {
                        int i0 = (n * batch + sample) * classes + k;
                        int i1 = ((n + 1) * batch + sample) * classes + k;
                        double sNext = sigmoid((h[i1] - threshold) / countWidth);
                        if (sNext > sPrev) {
                            grad[i1] += g * sNext * (1 - sNext) / countWidth;
                            grad[i0] -= g * sPrev * (1 - sPrev) / countWidth;
                        }
                        sPrev = sNext;
                    }
                }
                return total;
            }
            default:
                throw new IllegalStateException();
        }
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** The predicted class of one sample (same history layout); spikes are the hard read-out counts. */
    public int predict(double[] h, int steps, int batch, int sample, int classes, int[] spikes, int spikeOffset) {
        int best = 0;
        double bestKey = Double.NEGATIVE_INFINITY;
        double bestTie = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < classes; k++) {
            double max = Double.NEGATIVE_INFINITY;
            double sum = 0;
            for (int n = 1; n <= steps; n++) {
                double v = h[(n * batch + sample) * classes + k];
                max = Math.max(max, v);
                sum += v;
            }
            double key = readout == Readout.MAX ? max : readout == Readout.MEAN ? sum : spikes[spikeOffset + k];
            double tie = max;
            if (key > bestKey || (key == bestKey && tie > bestTie)) {
                best = k;
                bestKey = key;
                bestTie = tie;
            }
        }
        return best;
    }
}
