package org.memspice.mif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.memspice.spice.Netlists;
import org.memspice.spice.output.Waveforms;

/** The compiled stepped model and the netlist run by the general engine are the same neuron. */
class SteppedVersusNetlistTest {
    private final MifParameters p = MifParameters.prototype();

    /** 50 supra-threshold inputs with seeded random strengths and intervals, the shortest inside the relative refractory period. */
    static InputTrain fiftyInputs() {
        Random r = new Random(20211101);
        double[] t = new double[50];
        double[] q = new double[50];
        double now = 1e-3;
        for (int k = 0; k < 50; k++) {
            t[k] = now;
            q[k] = 15e-6 + 35e-6 * r.nextDouble();
            now += 5e-3 + 9e-3 * r.nextDouble();
        }
        return new InputTrain(t, q);
    }

    @Test
    void fiftySpikesAgreeInTimeAndShape() {
        InputTrain input = fiftyInputs();
        double tstop = input.times()[49] + 10e-3;
        Waveforms net = Netlists.run(MifNetlist.driven(p, input, tstop, 20e-6));
        Trace stepped = SteppedRun.run(p, input, tstop, 2e-6);
        double[] netV = new double[stepped.time().length];
        for (int k = 0; k < netV.length; k++) {
            netV[k] = net.interpolate("v(v)", stepped.time()[k]);
        }
        Trace netlist = new Trace(stepped.time(), netV, stepped.x1(), stepped.x2());
        double[] a = stepped.upwardCrossings(p.spikeThreshold());
        double[] b = netlist.upwardCrossings(p.spikeThreshold());
        assertEquals(50, a.length, "one spike per input in the stepped model");
        assertEquals(50, b.length, "one spike per input in the netlist");
        double worstLatency = 0;
        double worstWave = 0;
        for (int k = 0; k < 50; k++) {
            double latency = a[k] - input.times()[k];
            worstLatency = Math.max(worstLatency, Math.abs(a[k] - b[k]) / latency);
            double end = k + 1 < 50 ? input.times()[k + 1] : tstop;
            double amplitude = stepped.max(input.times()[k], end) - stepped.v()[0];
            for (int s = 0; s < stepped.time().length; s++) {
                double t = stepped.time()[s];
                if (t >= input.times()[k] && t < end) {
                    worstWave = Math.max(worstWave, Math.abs(stepped.v()[s] - netV[s]) / amplitude);
                }
            }
        }
        System.out.printf("MIF stepped vs netlist over 50 spikes: worst spike-time difference %.3f %% of the latency,"
                + " worst waveform difference %.3f %% of the spike amplitude%n", 100 * worstLatency, 100 * worstWave);
        assertTrue(worstLatency < 0.01, "spike times within 1 % of the input-to-spike latency: " + worstLatency);
        assertTrue(worstWave < 0.02, "waveform within 2 % of the spike amplitude: " + worstWave);
    }

    @Test
    void adaptiveStepsKeepTheFiftySpikeTimes() {
        InputTrain input = fiftyInputs();
        double tstop = input.times()[49] + 10e-3;
        Trace fixed = SteppedRun.run(p, input, tstop, 2e-6);
        double[] reference = fixed.upwardCrossings(p.spikeThreshold());
        MifNeuronBatch b = new MifNeuronBatch(p, 1);
        double h = 1e-5;
        double worst = 0;
        for (int k = 0; k < 50; k++) {
            h = b.advance(input.times()[k] - b.time(), h, 1e-6);
            b.spike(0, input.peaks()[k]);
            double end = k + 1 < 50 ? input.times()[k + 1] : tstop;
            int before = b.spikeCount[0];
            h = b.advance(end - b.time(), h, 1e-6);
            assertEquals(before + 1, b.spikeCount[0], "one spike after input " + k);
            double latency = reference[k] - input.times()[k];
            worst = Math.max(worst, Math.abs(b.lastSpikeTime[0] - reference[k]) / latency);
        }
        System.out.printf("MIF adaptive vs fixed 2 us steps over 50 spikes: worst spike-time difference %.3f %% of the"
                + " latency%n", 100 * worst);
        assertTrue(worst < 0.01, "adaptive spike times within 1 % of the latency: " + worst);
    }

    @Test
    void memristorStatesAgree() {
        InputTrain input = new InputTrain(new double[] {1e-3, 11e-3, 13e-3}, new double[] {20e-6, 40e-6, 40e-6});
        Waveforms net = Netlists.run(MifNetlist.driven(p, input, 30e-3, 10e-6));
        Trace stepped = SteppedRun.run(p, input, 30e-3, 2e-6);
        double top = 0;
        for (int s = 0; s < stepped.time().length; s++) {
            double t = stepped.time()[s];
            top = Math.max(top, stepped.x1()[s]);
            assertEquals(net.interpolate("x(xn.m1)", t), stepped.x1()[s], 0.01, "memristor 1 state at " + t);
            assertEquals(net.interpolate("x(xn.m2)", t), stepped.x2()[s], 0.01, "memristor 2 state at " + t);
        }
        assertTrue(top > 0.1, "memristor 1 switched on: " + top);
        assertEquals(new MifNeuronBatch(p, 1).restVoltage(), net.interpolate("v(v)", 0.5e-3), 1e-9,
                "the netlist's operating point is the stepped model's resting state");
    }

    @Test
    void tapedStepSensitivitiesMatchFiniteDifferences() {
        double h = 1e-5;
        MifNeuronBatch base = new MifNeuronBatch(p, 1);
        base.spike(0, 40e-6);
        for (int s = 0; s < 60; s++) {
            base.step(h); // mid-spike: both memristors' dynamics matter
        }
        MifTape tape = new MifTape(1, 1);
        double[] iS = {2e-6};
        double[] iE = {3e-6};
        base.copy().step(h, iS, iE, tape, 0);
        double[] delta = {1e-6, 1e-7, 1e-7, 1e-8, 1e-8, 1e-8, 1e-8};
        for (int c = 0; c < 7; c++) {
            MifNeuronBatch plus = base.copy();
            MifNeuronBatch minus = base.copy();
            double[] sPlus = iS.clone();
            double[] ePlus = iE.clone();
            double[] sMinus = iS.clone();
            double[] eMinus = iE.clone();
            if (c < 5) {
                nudge(plus, c, delta[c]);
                nudge(minus, c, -delta[c]);
            } else if (c == 5) {
                sPlus[0] += delta[c];
                sMinus[0] -= delta[c];
            } else {
                ePlus[0] += delta[c];
                eMinus[0] -= delta[c];
            }
            plus.step(h, sPlus, ePlus, null, 0);
            minus.step(h, sMinus, eMinus, null, 0);
            double[] dPlus = {plus.v[0], plus.x1[0], plus.x2[0]};
            double[] dMinus = {minus.v[0], minus.x1[0], minus.x2[0]};
            for (int r = 0; r < 3; r++) {
                double fd = (dPlus[r] - dMinus[r]) / (2 * delta[c]);
                assertEquals(fd, tape.sensitivity(0, 0, r, c), 1e-5 * Math.max(1, Math.abs(fd)),
                        "d state " + r + " / d input " + c);
            }
        }
        assertTrue(Math.abs(tape.sensitivity(0, 0, 0, 4)) > 1e-3, "the synaptic current moves the membrane");
        assertTrue(Math.abs(tape.sensitivity(0, 0, 0, 6)) > 1e-3, "the external current moves the membrane");
    }

    private static void nudge(MifNeuronBatch b, int c, double d) {
        if (c == 0) {
            b.v[0] += d;
        } else if (c == 1) {
            b.x1[0] += d;
        } else if (c == 2) {
            b.x2[0] += d;
        } else if (c == 3) {
            b.a[0] += d;
        } else {
            b.i[0] += d;
        }
    }


    @Test
    void adaptiveStepsAgreeWithFineFixedSteps() {
        Trace fine = SteppedRun.run(p, InputTrain.single(0, 30e-6), 10e-3, 1e-6);
        MifNeuronBatch adaptive = new MifNeuronBatch(p, 1);
        adaptive.spike(0, 30e-6);
        adaptive.advance(10e-3, 1e-5, 1e-6);
        int last = fine.time().length - 1;
        assertEquals(fine.v()[last], adaptive.v[0], 1e-5);
        assertEquals(fine.x1()[last], adaptive.x1[0], 1e-4);
    }

    @Test
    void batchNeuronsAreIndependent() {
        MifNeuronBatch b = new MifNeuronBatch(p, 3);
        b.spike(1, 1e-6);
        b.spike(2, 40e-6);
        for (int s = 0; s < 500; s++) {
            b.step(1e-5);
        }
        MifNeuronBatch alone = new MifNeuronBatch(p, 1);
        alone.spike(0, 40e-6);
        for (int s = 0; s < 500; s++) {
            alone.step(1e-5);
        }
        assertEquals(alone.v[0], b.v[2], 0, "a neuron in a batch evolves as it does alone");
        assertEquals(b.restVoltage(), b.v[0], 1e-12, "without input a neuron stays at rest");
        assertTrue(b.v[1] != b.v[0] && b.v[2] != b.v[1], "inputs reach only their own neuron");
    }
}
