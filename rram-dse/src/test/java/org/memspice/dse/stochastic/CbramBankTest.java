package org.memspice.dse.stochastic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.memspice.devices.stochastic.StochasticCbram;

/**
 * Stream generators on simulated CBRAM devices: the packed streams follow the device law as the
 * pulse-by-pulse simulation does, device variation biases uncalibrated streams, calibration
 * recovers the target probability on every device, and the same seed gives the same bank.
 */
class CbramBankTest {
    private static final StochasticCbram NOMINAL = new StochasticCbram(Map.of());

    @Test
    void withoutVariationTheStreamProbabilityIsTheTarget() {
        CbramBank bank = new CbramBank(NOMINAL, 4, 0, 1, CbramBank.Pulses.DEFAULT);
        for (double p : new double[] {0.01, 0.25, 0.5, 0.8, 0.99}) {
            assertEquals(p, bank.probability(0, p), 1e-12, "p=" + p);
        }
        assertEquals(0, bank.probability(0, 0), 0, "no pulse for 0");
        assertEquals(1, bank.probability(0, 1), 1e-12, "the largest amplitude sets surely");
    }

    @Test
    void packedStreamsAndPulseByPulseStreamsFollowTheSameDeviceLaw() {
        CbramBank bank = new CbramBank(NOMINAL, 8, 0.2, 7, CbramBank.Pulses.DEFAULT);
        int length = 4096;
        long[] bits = new long[Streams.words(length)];
        SplittableRandom r = new SplittableRandom(1);
        for (int d = 0; d < 8; d++) {
            double q = bank.probability(d, 0.4);
            double sd = Math.sqrt(length * q * (1 - q));
            int events = bank.bitByBit(d, 0.4, length, r, bits);
            int ones = Streams.count(bits, length);
            assertEquals(length * q, ones, 5 * sd + 1e-9, "pulse by pulse, device " + d);
            assertEquals(2 * ones, events, 2, "a SET for every one and a RESET after it (the last one's reset comes after the stream)");
            int packed = bank.stream(d, 0.4, length, r, bits);
            assertEquals(length * q, packed, 5 * sd + 1e-9, "packed, device " + d);
        }
    }

    @Test
    void calibrationRecoversTheTargetUnderVariation() {
        CbramBank bank = new CbramBank(NOMINAL, 40, 0.1, 3, CbramBank.Pulses.DEFAULT);
        double[] targets = {0.1, 0.3, 0.5, 0.7, 0.9};
        double before = 0;
        for (int d = 0; d < bank.size(); d++) {
            for (double p : targets) {
                before = Math.max(before, Math.abs(bank.probability(d, p) - p));
            }
        }
        assertTrue(before > 0.3, "uncalibrated, the worst device is off by " + before);
        bank.calibrate(1000, 4);
        double after = 0;
        double mean = 0;
        for (int d = 0; d < bank.size(); d++) {
            for (double p : targets) {
                double e = bank.probability(d, p) - p;
                after = Math.max(after, Math.abs(e));
                mean += e / (bank.size() * targets.length);
            }
        }
        assertTrue(after < 0.04, "calibrated, the worst device is off by " + after);
        assertEquals(0, mean, 0.005, "and the mean bias is gone");
    }

    @Test
    void theSameSeedGivesTheSameDevicesAndCalibration() {
        CbramBank a = new CbramBank(NOMINAL, 5, 0.1, 9, CbramBank.Pulses.DEFAULT);
        CbramBank b = new CbramBank(NOMINAL, 5, 0.1, 9, CbramBank.Pulses.DEFAULT);
        a.calibrate(200, 2);
        b.calibrate(200, 2);
        for (int d = 0; d < 5; d++) {
            assertEquals(a.device(d).v0(), b.device(d).v0(), 0);
            assertEquals(a.probability(d, 0.3), b.probability(d, 0.3), 0);
        }
        CbramBank c = new CbramBank(NOMINAL, 5, 0.1, 10, CbramBank.Pulses.DEFAULT);
        assertTrue(a.device(0).v0() != c.device(0).v0(), "another seed, other devices");
    }

    @Test
    void energySumsHoldTheJoulesOfALongRun() {
        UpdateStats a = new UpdateStats();
        for (int k = 0; k < 1000; k++) {
            a.addEnergy(0.05); // 50 J in all: a 3-epoch MLP run at L = 1024 needs about 16 J
        }
        UpdateStats total = new UpdateStats();
        total.add(a);
        total.add(a);
        assertEquals(100, total.energy(), 1e-9);
    }

    @Test
    void aWeakResetAndBadParametersAreRefused() {
        CbramBank.Pulses weak = new CbramBank.Pulses(1e-6, -1.0, 1e-6, 4, 0.1, 1e-8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CbramBank(NOMINAL, 2, 0, 1, weak));
        assertTrue(e.getMessage().contains("reset"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new CbramBank(NOMINAL, 2, Double.NaN, 1, CbramBank.Pulses.DEFAULT));
        assertThrows(IllegalArgumentException.class, () -> new CbramBank(NOMINAL, 2, 1.5, 1, CbramBank.Pulses.DEFAULT));
    }

    @Test
    void theStreamReportSeesBiasBeforeCalibrationAndCorrelationOnlyForAReusedStream() {
        CbramBank bank = new CbramBank(NOMINAL, 16, 0.1, 5, CbramBank.Pulses.DEFAULT);
        bank.calibrate(1000, 6);
        var rows = StreamReport.measure(bank, new double[] {0.5}, 512, 10, false, 8);
        for (StreamReport.Row r : rows) {
            assertEquals(0, r.meanBias(), 0.02, r.pairing());
            if (r.pairing().equals("same stream reused")) {
                assertEquals(1, r.scc(), 1e-12);
            } else {
                assertEquals(0, r.scc(), 0.05, r.pairing());
                assertEquals(0, r.pooledScc(), 0.05, r.pairing());
            }
        }
        assertThrows(IllegalArgumentException.class, () -> StreamReport.measure(bank, new double[] {1.2}, 8, 1, false, 1));
    }
}
