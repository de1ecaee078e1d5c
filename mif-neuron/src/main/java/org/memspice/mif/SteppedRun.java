package org.memspice.mif;

/** Runs one neuron of the stepped model from rest under an input train and samples every step. */
public final class SteppedRun {
    private SteppedRun() {
    }

    /**
     * Fixed steps of h from rest to tstop; each input arrives at the start of the step nearest to
     * its time.
     */
    public static Trace run(MifParameters p, InputTrain input, double tstop, double h) {
        MifNeuronBatch b = new MifNeuronBatch(p, 1);
        int steps = (int) Math.round(tstop / h);
        double[] t = new double[steps + 1];
        double[] v = new double[steps + 1];
        double[] x1 = new double[steps + 1];
        double[] x2 = new double[steps + 1];
        int next = 0;
        for (int s = 0; ; s++) {
            t[s] = s * h;
            v[s] = b.v[0];
            x1[s] = b.x1[0];
            x2[s] = b.x2[0];
            if (s == steps) {
                break;
            }
            while (next < input.size() && input.times()[next] < (s + 0.5) * h) {
                b.spike(0, input.peaks()[next]);
                next++;
            }
            b.step(h);
        }
        return new Trace(t, v, x1, x2);
    }
}
