package org.memspice.dse;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.memspice.dse.infer.Inference;
import org.memspice.dse.infer.InferenceResult;
import org.memspice.dse.infer.MappedNetwork;
import org.memspice.dse.net.Architectures;
import org.memspice.dse.net.PlainNetwork;
import org.memspice.dse.net.ReferenceTrainer;
import org.memspice.memprop.data.Dataset;
import org.memspice.memprop.net.Shape;

/** Each non-ideality moves accuracy the way it should on a small trained network: down as it grows. */
class NonIdealityTest {
    private static final ExecutorService POOL = Executors.newFixedThreadPool(2);
    private static final Dataset TRAIN = Synthetic.bars(400, 10, 1.2, 1);
    private static final Dataset TEST = Synthetic.bars(200, 10, 1.2, 2);
    private static PlainNetwork net;
    private static double ideal;
    private static final StringBuilder FAILURES = new StringBuilder();

    @BeforeAll
    static void train() {
        net = Architectures.mlp(new Shape(1, 10, 10), new int[] {100, 24, 4});
        Architectures.initialize(net, 1);
        new ReferenceTrainer(net, new ReferenceTrainer.Config(15, 20, 3e-3, 1, 2)).train(TRAIN, TEST, new ReferenceTrainer.Listener() {
            @Override
            public void progress(int epoch, long done, long total, double meanLoss) {
            }

            @Override
            public void epoch(int epoch, double meanLoss, double trainAccuracy, double testAccuracy) {
            }
        });
        ideal = accuracy(p -> { });
        System.out.printf("non-idealities: ideal hardware %.1f %%%n", 100 * ideal);
    }

    @AfterAll
    static void close() {
        POOL.shutdownNow();
    }

    private static double accuracy(Consumer<DesignPoint> change) {
        DesignPoint p = Synthetic.ideal();
        p.tileRows = 32;
        p.tileCols = 32;
        p.calibrationImages = 40;
        change.accept(p);
        MappedNetwork mn = MappedNetwork.build(net, p, TRAIN, Synthetic.range(0, 40), POOL);
        InferenceResult r = Inference.run(mn, TEST, Synthetic.range(0, TEST.size()), POOL, null, null, 0);
        return r.accuracy();
    }

    /** Accuracy falls (by at least {@code drop}) from the ideal to the strong setting, and the mild one lies between. */
    private static void assertDegrades(String name, Consumer<DesignPoint> mild, Consumer<DesignPoint> strong, double drop) {
        double a = accuracy(mild);
        double b = accuracy(strong);
        System.out.printf("%-22s ideal %.1f %%, mild %.1f %%, strong %.1f %%%n", name, 100 * ideal, 100 * a, 100 * b);
        if (!(b <= ideal - drop && a >= b - 0.02)) {
            FAILURES.append(name).append(": ideal ").append(ideal).append(", mild ").append(a).append(", strong ").append(b).append('\n');
        }
    }

    /** Mean |mapped − software| logit over the mean |software| logit, on 20 test images. */
    private static double logitError(Consumer<DesignPoint> change) {
        DesignPoint p = Synthetic.ideal();
        p.tileRows = 32;
        p.tileCols = 32;
        change.accept(p);
        MappedNetwork mn = MappedNetwork.build(net, p, TRAIN, Synthetic.range(0, 20), POOL);
        double err = 0;
        double size = 0;
        for (int k = 0; k < 20; k++) {
            double[] sw = Synthetic.software(net, TEST, k);
            double[] hw = Synthetic.mapped(mn, TEST, k);
            for (int c = 0; c < sw.length; c++) {
                err += Math.abs(hw[c] - sw[c]);
                size += Math.abs(sw[c]);
            }
        }
        return err / size;
    }

    @Test
    void nonlinearCellsDistortTheProductsMoreTheHarderTheyAreDriven() {
        // the Stanford-PKU current grows as sinh(V/0.25 V): near-ohmic at 10 mV, strongly curved at 0.6 V
        double soft = logitError(p -> {
            p.cells = "stanford_pku";
            p.readVoltage = 0.01;
        });
        double hard = logitError(p -> {
            p.cells = "stanford_pku";
            p.readVoltage = 0.6;
        });
        double transistor = logitError(p -> {
            p.cells = "1t1r:stanford_pku";
            p.readVoltage = 0.6;
        });
        System.out.printf("nonlinear cells: logit error %.2e at 10 mV, %.3f at 0.6 V, %.3f at 0.6 V behind the transistor%n", soft,
                hard, transistor);
        assertTrue(soft < 0.01, "near-ohmic reads: " + soft);
        assertTrue(hard > 10 * soft && hard > 0.05, "curved reads: " + hard);
        assertTrue(Math.abs(transistor - hard) > 1e-3, "the access transistor changes the products: " + transistor);
    }

    @Test
    void everyNonIdealityLowersAccuracyAsItGrows() {
        assertTrue(ideal > 0.85, "the reference network learned the task: " + ideal);
        assertDegrades("device variation", p -> p.deviceVariation = 0.05, p -> p.deviceVariation = 1.0, 0.01);
        assertDegrades("cycle variation", p -> p.cycleVariation = 0.01, p -> p.cycleVariation = 0.5, 0.1);
        assertDegrades("stuck at", p -> p.stuckOn = p.stuckOff = 0.005, p -> p.stuckOn = p.stuckOff = 0.3, 0.1);
        assertDegrades("conductance levels", p -> p.levels = 16, p -> p.levels = 2, 0.05);
        assertDegrades("ADC bits", p -> p.adcBits = 6, p -> p.adcBits = 1, 0.1);
        assertDegrades("DAC bits", p -> p.dacBits = 6, p -> p.dacBits = 1, 0.05);
        assertDegrades("drift", p -> {
            p.driftTime = 10;
            p.driftNu = 0.05;
        }, p -> {
            p.driftTime = 1e9;
            p.driftNu = 0.5;
            p.driftNuSpread = 1;
        }, 0.05);
        assertDegrades("retention", p -> {
            p.adcBits = 6;
            p.retentionTime = 1e4;
        }, p -> {
            p.adcBits = 6;
            p.retentionTime = 1e10;
            p.retentionTau = 1e8;
        }, 0.1);
        assertDegrades("endurance", p -> p.enduranceCycles = 2e6, p -> {
            p.enduranceCycles = 1e9;
            p.enduranceLoss = 0.32;
            p.encoding = DesignPoint.Encoding.OFFSET;
        }, 0.05);
        assertDegrades("write-verify endurance", p -> p.writeVerify = "yakopcic", p -> {
            p.writeVerify = "yakopcic";
            p.enduranceLimit = 100;
            p.enduranceCycles = 100;
        }, 0.1);
        assertDegrades("line resistance", p -> {
            p.idealLines = false;
            p.wire = 1;
        }, p -> {
            p.idealLines = false;
            p.wire = 2000;
        }, 0.05);
        assertTrue(FAILURES.length() == 0, FAILURES.toString());
    }
}
