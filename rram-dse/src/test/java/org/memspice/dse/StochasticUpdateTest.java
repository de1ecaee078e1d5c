package org.memspice.dse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.memspice.devices.stochastic.StochasticCbram;
import org.memspice.dse.net.Architectures;
import org.memspice.dse.net.Dense;
import org.memspice.dse.net.Layer;
import org.memspice.dse.net.PlainNetwork;
import org.memspice.dse.net.ReferenceTrainer;
import org.memspice.dse.net.Weighted;
import org.memspice.dse.stochastic.CbramBank;
import org.memspice.dse.stochastic.CostModel;
import org.memspice.dse.stochastic.StochasticProduct;
import org.memspice.dse.stochastic.StochasticTraining;
import org.memspice.memprop.data.Dataset;
import org.memspice.memprop.net.Shape;

/**
 * Weight updates from CBRAM streams: they converge to the floating-point outer product as the
 * streams lengthen (error falling as 1/√L), with calibrated devices under variation too; training
 * through them learns, and gives the same weights for the same seed on any thread count.
 */
class StochasticUpdateTest {
    private static final StochasticCbram NOMINAL = new StochasticCbram(Map.of());

    private static PlainNetwork layer(int n, int k) {
        return new PlainNetwork(new Shape(1, 1, k), List.<Layer>of(new Dense(new Shape(1, 1, k), n)));
    }

    /** RMS of (stochastic − exact) over the products of one δ·xᵀ, relative to s_δ·s_x. */
    private static double rmsError(CbramBank bank, StochasticProduct.Coding coding, int length, long seed) {
        int n = 6;
        int k = 9;
        PlainNetwork net = layer(n, k);
        Weighted w = net.weighted().get(0);
        SplittableRandom r = new SplittableRandom(seed);
        double[] delta = new double[n];
        double[] x = new double[k];
        for (int o = 0; o < n; o++) {
            delta[o] = 0.3 * (2 * r.nextDouble() - 1);
        }
        for (int i = 0; i < k; i++) {
            x[i] = r.nextDouble();
        }
        x[3] = 0; // a zero input: no stream, product exactly 0
        StochasticProduct p = new StochasticProduct(net, bank, length, coding, seed);
        p.sample(1, 0);
        double[] gw = new double[n * k];
        p.accumulate(0, w, delta, x, gw);
        double sum = 0;
        for (int o = 0; o < n; o++) {
            for (int i = 0; i < k; i++) {
                double e = gw[o * k + i] - delta[o] * x[i];
                if (coding == StochasticProduct.Coding.SIGN_MAGNITUDE && i == 3) {
                    assertEquals(0, gw[o * k + i], 0, "a zero operand gives exactly 0");
                }
                sum += e * e;
            }
        }
        double scale = 0.5 * 1.0; // s_δ (largest |δ| < 0.3 → 0.5) times s_x (largest x < 1 → 1)
        return Math.sqrt(sum / (n * k)) / scale;
    }

    @Test
    void longStreamsConvergeToTheFloatingPointOuterProduct() {
        CbramBank ideal = new CbramBank(NOMINAL, 15, 0, 1, CbramBank.Pulses.DEFAULT);
        for (StochasticProduct.Coding coding : StochasticProduct.Coding.values()) {
            double e64 = 0;
            double e65536 = 0;
            for (long seed = 1; seed <= 4; seed++) {
                e64 += rmsError(ideal, coding, 64, seed) / 4;
                e65536 += rmsError(ideal, coding, 65536, seed) / 4;
            }
            // a product's standard deviation is at most s_δ·s_x·(1/2)/√L (unipolar), 1/√L (bipolar)
            double bound = coding == StochasticProduct.Coding.BIPOLAR ? 1 : 0.5;
            assertTrue(e65536 < bound / Math.sqrt(65536), coding + ": " + e65536);
            assertTrue(e64 < bound / Math.sqrt(64), coding + ": " + e64);
            assertTrue(e64 / e65536 > 8 && e64 / e65536 < 64, coding + ": error falls as 1/sqrt(L): " + e64 / e65536);
        }
        CbramBank varied = new CbramBank(NOMINAL, 15, 0.1, 2, CbramBank.Pulses.DEFAULT);
        double uncalibrated = rmsError(varied, StochasticProduct.Coding.SIGN_MAGNITUDE, 65536, 1);
        varied.calibrate(2000, 3);
        double calibrated = rmsError(varied, StochasticProduct.Coding.SIGN_MAGNITUDE, 65536, 1);
        assertTrue(uncalibrated > 0.02, "variation biases the update: " + uncalibrated);
        assertTrue(calibrated < 0.01, "calibration removes it: " + calibrated);
    }

    private static StochasticTraining.Setup setup(StochasticTraining.Model model, int length, int threads, long seed) {
        return new StochasticTraining.Setup(model, 16, length, 0.1, true, 200, StochasticProduct.Coding.SIGN_MAGNITUDE,
                new ReferenceTrainer.Config(2, 10, 0.1, seed, threads, ReferenceTrainer.Optimizer.SGD), CbramBank.Pulses.DEFAULT);
    }

    private static final ReferenceTrainer.Listener QUIET = new ReferenceTrainer.Listener() {
        @Override
        public void progress(int epoch, long done, long total, double meanLoss) {
        }

        @Override
        public void epoch(int epoch, double meanLoss, double trainAccuracy, double testAccuracy) {
        }
    };

    private static double[] weights(PlainNetwork net) {
        return net.weighted().stream().flatMapToDouble(w -> java.util.Arrays.stream(w.weights())).toArray();
    }

    @Test
    void trainingThroughStreamsLearnsAndRepeatsOnAnyThreadCount() {
        Dataset train = Synthetic.bars(200, 12, 0.3, 1);
        Dataset test = Synthetic.bars(80, 12, 0.3, 2);
        StochasticTraining.Result one = StochasticTraining.train(setup(StochasticTraining.Model.MLP, 16, 1, 1), train, test, QUIET);
        StochasticTraining.Result two = StochasticTraining.train(setup(StochasticTraining.Model.MLP, 16, 2, 1), train, test, QUIET);
        assertTrue(one.testAccuracy() > 0.9, "accuracy " + one.testAccuracy());
        assertArrayEquals(weights(one.net()), weights(two.net()), 0, "same seed, 1 or 2 threads: the same weights");
        assertEquals(one.stats().ones(), two.stats().ones());
        assertEquals(one.stats().energy(), two.stats().energy(), 0);
        StochasticTraining.Result other = StochasticTraining.train(setup(StochasticTraining.Model.MLP, 16, 2, 2), train, test, QUIET);
        assertFalse(java.util.Arrays.equals(weights(one.net()), weights(other.net())), "another seed, another run");
        Dataset train16 = Synthetic.bars(200, 16, 0.3, 1);
        Dataset test16 = Synthetic.bars(80, 16, 0.3, 2);
        StochasticTraining.Result cnn = StochasticTraining.train(setup(StochasticTraining.Model.CNN, 8, 2, 1), train16, test16, QUIET);
        assertTrue(cnn.testAccuracy() > 0.8, "CNN accuracy " + cnn.testAccuracy());
        assertTrue(cnn.stats().switchingEvents() > 0 && cnn.stats().switchingEvents() == 2 * cnn.stats().ones());
    }

    @Test
    void theCostModelCountsDevicesGatesAndMultiplyAdds() {
        PlainNetwork net = Architectures.mlp(new Shape(1, 28, 28), new int[] {784, 100, 10});
        List<CostModel.Row> rows = CostModel.table(net, 64, 32, 0.5, 1, 1, NOMINAL, CbramBank.Pulses.DEFAULT,
                CostModel.Technology.DEFAULT);
        CostModel.Row total = rows.get(rows.size() - 1);
        assertEquals(784 * 100 + 100 * 10, total.weights());
        assertEquals(784 + 100 + 100 + 10, total.devices());
        assertEquals(total.devices() * 64.0, total.bitsPerSample(), 1e-9);
        assertEquals(total.bitsPerSample(), total.switchingEvents(), 1e-9, "p = 1/2: one SET and one RESET every other bit");
        assertEquals(total.weights() * 4.6e-12, total.fpEnergy(), 1e-18);
        assertEquals(64 - Long.numberOfLeadingZeros(32L * 64) + 1, total.counterBits());
        CbramBank one = new CbramBank(NOMINAL, 1, 0, 0, CbramBank.Pulses.DEFAULT);
        assertEquals(total.bitsPerSample() * one.bitEnergy(0, 0.5), total.deviceEnergy(), 1e-9 * total.deviceEnergy());
    }
}
