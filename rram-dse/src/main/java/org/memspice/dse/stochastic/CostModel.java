package org.memspice.dse.stochastic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.memspice.devices.stochastic.StochasticCbram;
import org.memspice.dse.net.PlainNetwork;
import org.memspice.dse.net.Weighted;

/**
 * What the weight update of one training sample costs with CBRAM stochastic computing against a
 * floating-point MAC array of the same parallelism (one multiplier per weight), layer by layer.
 *
 * <p>Stochastic side, per weighted layer of N outputs, K inputs per position (K/g per output in
 * g groups) and P positions: K + N CBRAM devices (one generator per operand, reused position after
 * position), N·K/g AND gates, XOR gates for the signs and up/down counters of
 * ⌈log2(B·P·L + 1)⌉ bits (B the batch: one counter per weight sums the batch). Per sample:
 * P·(K + N) streams of L bits, each bit a reset, a SET pulse and a read; switching events 2·p̄ per
 * bit (p̄ the mean stream probability); device energy from device-models' law
 * ({@link StochasticCbram#expectedPulseEnergy}) at p̄; gate energy per AND evaluation and counter
 * energy per increment (p̄² of the AND outputs are ones) from {@link Technology}. Floating side:
 * P·N·K/g FP32 multiply-adds. Area ratios compare the arithmetic only (gates and counters against
 * FP multipliers and adders); the devices and their sense latches are listed apart and in the
 * totals.
 */
public final class CostModel {
    /**
     * Technology figures (all documented in rram-dse/README.md): FP32 multiply and add energy and
     * area (Horowitz, "Computing's energy problem", ISSCC 2014, 45 nm), standard-cell areas (AND2,
     * XOR2, DFF, half adder: NanGate 45 nm open cell library, X1 drive), an AND evaluation's energy
     * and a counter increment's energy per bit (Horowitz's 8-bit add, 0.03 pJ, over 8 bits), the
     * CBRAM cell (4F² at F = 45 nm) and a DFF-sized sense latch per device.
     */
    public record Technology(double fpMulEnergy, double fpAddEnergy, double fpMulArea, double fpAddArea, double andArea,
            double xorArea, double dffArea, double halfAdderArea, double andEnergy, double counterEnergyPerBit, double cellArea,
            double senseArea) {
        public static final Technology DEFAULT = new Technology(3.7e-12, 0.9e-12, 7700e-12, 4184e-12, 1.064e-12, 1.596e-12,
                4.522e-12, 2.66e-12, 1e-15, 0.03e-12 / 8, 4 * 45e-9 * 45e-9, 4.522e-12);
    }

    /** One layer's (or the total's) figures for one sample's update. */
    public record Row(String layer, long weights, long devices, int counterBits, double streamsPerSample, double bitsPerSample,
            double switchingEvents, double deviceEnergy, double gateEnergy, double counterEnergy, double fpEnergy,
            double scArithmeticArea, double deviceArea, double fpArea, double scTime) {
        public double scEnergy() {
            return deviceEnergy + gateEnergy + counterEnergy;
        }
    }

    private CostModel() {
    }

    /**
     * The table for {@code net} with streams of {@code length} bits, minibatches of {@code batch},
     * mean stream probability {@code meanP}, devices of the {@code nominal} law under {@code pulses}.
     * {@code streamShare} and {@code productShare} are the shares of operand streams and of
     * products a run really formed (a zero operand needs no stream and no gate evaluation; 1 for
     * every one). Areas and device counts are those of the full array either way. The last row is
     * the total.
     */
    public static List<Row> table(PlainNetwork net, int length, int batch, double meanP, double streamShare, double productShare,
            StochasticCbram nominal, CbramBank.Pulses pulses, Technology t) {
        if (!(meanP >= 0 && meanP <= 1)) {
            throw new IllegalArgumentException("mean probability must be in [0, 1], got " + meanP);
        }
        if (!(streamShare >= 0 && streamShare <= 1 && productShare >= 0 && productShare <= 1)) {
            throw new IllegalArgumentException("stream and product shares must be in [0, 1]");
        }
        CbramBank one = new CbramBank(nominal, 1, 0, 0, pulses);
        double bitEnergy = one.bitEnergy(0, meanP);
        double bitTime = pulses.resetWidth() + pulses.width() + pulses.readTime();
        List<Row> rows = new ArrayList<>();
        long[] sumL = new long[2];
        double[] sum = new double[11];
        int maxBits = 0;
        int index = 0;
        for (Weighted w : net.weighted()) {
            index++;
            long weights = (long) w.outputs() * w.groupInputs();
            long devices = w.inputs() + w.outputs();
            int p = w.positions();
            int bits = 64 - Long.numberOfLeadingZeros((long) batch * p * length) + 1; // magnitude bits and the sign
            double streams = (double) p * devices * streamShare;
            double bitsPerSample = streams * length;
            double events = 2 * meanP * bitsPerSample;
            double deviceEnergy = bitsPerSample * bitEnergy;
            double ands = (double) p * weights * length * productShare;
            double gateEnergy = ands * t.andEnergy();
            double counterEnergy = ands * meanP * meanP * bits * t.counterEnergyPerBit();
            double fpEnergy = (double) p * weights * (t.fpMulEnergy() + t.fpAddEnergy());
            double scArea = weights * (t.andArea() + t.xorArea() + bits * (t.dffArea() + t.halfAdderArea()));
            double deviceArea = devices * (t.cellArea() + t.senseArea());
            double fpArea = weights * (t.fpMulArea() + t.fpAddArea());
            double time = p * length * bitTime;
            rows.add(new Row("layer " + index + " (" + w.describe() + ")", weights, devices, bits, streams, bitsPerSample, events,
                    deviceEnergy, gateEnergy, counterEnergy, fpEnergy, scArea, deviceArea, fpArea, time));
            sumL[0] += weights;
            sumL[1] += devices;
            double[] add = {streams, bitsPerSample, events, deviceEnergy, gateEnergy, counterEnergy, fpEnergy, scArea, deviceArea, fpArea,
                time};
            for (int k = 0; k < add.length; k++) {
                sum[k] += add[k];
            }
            maxBits = Math.max(maxBits, bits);
        }
        rows.add(new Row("total", sumL[0], sumL[1], maxBits, sum[0], sum[1], sum[2], sum[3], sum[4], sum[5], sum[6], sum[7], sum[8],
                sum[9], sum[10]));
        return rows;
    }

    /** Streams and products a full update of {@code net} would form per sample: every operand and every connected pair. */
    public static double[] fullCounts(PlainNetwork net) {
        double streams = 0;
        double products = 0;
        for (Weighted w : net.weighted()) {
            streams += (double) w.positions() * (w.inputs() + w.outputs());
            products += (double) w.positions() * w.outputs() * w.groupInputs();
        }
        return new double[] {streams, products};
    }

    /** The ratio of floating-point to stochastic multiplier area alone (an FP32 multiplier against one AND gate). */
    public static double multiplierAreaRatio(Technology t) {
        return t.fpMulArea() / t.andArea();
    }

    /** The nominal device, for tables made without a run. */
    public static StochasticCbram nominal() {
        return new StochasticCbram(Map.of());
    }
}
