package org.memspice.stdp.net;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.memspice.crossbar.Crossbar;
import org.memspice.crossbar.cell.MemristorCells;
import org.memspice.devices.memristor.MemristorModel;
import org.memspice.mif.MifNeuronBatch;
import org.memspice.stdp.DeviceDrift;
import org.memspice.stdp.StdpTable;

/**
 * The network of {@link NetworkSettings}, stepped in time. The synapses are the memristor cells of
 * a {@link Crossbar} of the crossbar module whose rows are the output (post-synaptic) lines and
 * whose columns are the input (pre-synaptic) lines, so that each device, + terminal on its row,
 * sees V_post − V_pre as {@link org.memspice.stdp.SynapseSettings} says; the synapse from input i
 * to output j is cell (j, i), state index j·inputs + i. An output line at virtual ground is read
 * with ideal lines through the devices' own I-V (the separable current s(x)·u(v) of
 * device-models, so a read is a sum over the active input lines): the limit of that crossbar as
 * its wire resistance ({@link #WIRE}) goes to zero, which {@code StdpNetworkTest} checks against
 * the crossbar module's solver. Not thread-safe; a network with frozen devices can be copied for
 * parallel testing ({@link #copyFrozen}).
 */
public final class StdpNetwork {
    /** Wire segment, driver and sense resistance of {@link #crossbar()} (Ω): 1 mΩ, ideal lines for cells of kΩ. */
    public static final double WIRE = 1e-3;
    private final Crossbar crossbar;
    private final NetworkSettings ns;
    private final int nIn;
    private final int nOut;
    private final double h;
    private final MemristorModel model;
    private final MemristorCells cells;
    /** Device states (the crossbar's own array, output-major). */
    private final double[] x;
    /** Their current factors s(x), input-major (input i to output j at i·outputs + j): a read of input line i is contiguous. */
    private final double[] sx;
    private final StdpTable table;
    private final DeviceDrift drift;
    private final Axons inAxons;
    private final Axons outAxons;
    private final MifNeuronBatch soma;
    private final double[] theta;
    /** Lateral inhibitory current drawn from each soma (A), decaying with the inhibition time constant. */
    private final double[] inhibitory;
    private final double[] rowStart;
    private final double[] rowEnd;
    private final double[] colStart;
    private final double[] colEnd;
    private final double[] iStart;
    private final double[] iEnd;
    private final double[] column;
    private final double[] lastPre;
    private final double[] lastPost;
    private final double[] lastKick;
    /** Step at which each output's axon is due to be kicked (−1: none). */
    private final int[] kickAt;
    private final int[] countBefore;
    private final double deadTime;
    private final double lo;
    private final double hi;
    private double time;
    private long events;
    /** Factor on the read gain (a presentation repeated with stronger input, as Diehl and Cook repeat a silent image). */
    private double driveScale = 1;
    /** Each output line's mirror gain relative to readGain (1 unless {@link #calibrateLineGains} set them). */
    private final double[] lineGain;
    /** Soma steps taken and network steps they covered (they differ when quiet stretches are crossed in one step). */
    private long somaSteps;
    private long networkSteps;

    /** A network with device states drawn uniformly between the settings' initial bounds from {@code seed}. */
    public StdpNetwork(NetworkSettings ns, StdpTable table, long seed) {
        this.ns = ns;
        this.nIn = ns.inputs();
        this.nOut = ns.outputs();
        this.h = ns.step();
        this.table = table;
        if (ns.learning() == NetworkSettings.Learning.EVENT && table == null) {
            throw new IllegalArgumentException("event learning needs the STDP table");
        }
        this.cells = new MemristorCells(nIn * nOut, ns.synapse().model(), ns.synapse().parameters());
        this.model = cells.model();
        if (!model.hasSeparableCurrent()) {
            throw new IllegalArgumentException(model.kind() + ": the network reads arrays as products and needs a separable current");
        }
        this.crossbar = new Crossbar(nOut, nIn, WIRE, WIRE, WIRE, WIRE, cells);
        this.x = cells.state();
        this.sx = new double[nIn * nOut];
        this.lo = model.minState();
        this.hi = model.maxState();
        SplittableRandom r = new SplittableRandom(seed);
        for (int k = 0; k < x.length; k++) {
            double f = ns.initLow() + (ns.initHigh() - ns.initLow()) * r.nextDouble();
            x[k] = lo + (hi - lo) * f;
        }
        statesChanged();
        this.drift = new DeviceDrift(model, 1e-6);
        boolean replay = ns.axons() == NetworkSettings.Axons.REPLAY;
        this.inAxons = new Axons(ns.synapse(), nIn, h, replay);
        this.outAxons = new Axons(ns.synapse(), nOut, h, replay);
        this.soma = new MifNeuronBatch(ns.synapse().neuron(), nOut, MifNeuronBatch.Threads.SINGLE);
        this.theta = new double[nOut];
        this.lineGain = new double[nOut];
        java.util.Arrays.fill(lineGain, 1);
        this.inhibitory = new double[nOut];
        this.rowStart = new double[nIn];
        this.rowEnd = new double[nIn];
        this.colStart = new double[nOut];
        this.colEnd = new double[nOut];
        this.iStart = new double[nOut];
        this.iEnd = new double[nOut];
        this.column = new double[nOut];
        this.lastPre = new double[nIn];
        this.lastPost = new double[nOut];
        this.lastKick = new double[nOut];
        this.kickAt = new int[nOut];
        this.countBefore = new int[nOut];
        this.deadTime = ns.synapse().deadTime();
        resetNeurons();
    }

    private StdpNetwork(StdpNetwork o) {
        this(o.ns.with(NetworkSettings.Learning.OFF), null, 0);
        System.arraycopy(o.x, 0, x, 0, x.length);
        System.arraycopy(o.sx, 0, sx, 0, sx.length);
        System.arraycopy(o.theta, 0, theta, 0, nOut);
        System.arraycopy(o.lineGain, 0, lineGain, 0, nOut);
    }

    /** A copy with the same devices and thresholds that does not learn (for testing on other threads). */
    public StdpNetwork copyFrozen() {
        return new StdpNetwork(this);
    }

    public NetworkSettings settings() {
        return ns;
    }

    /** The device states (output-major: input i to output j at j·inputs + i); the crossbar's own array, so writes reach the devices. */
    public double[] states() {
        return x;
    }

    public MemristorCells cells() {
        return cells;
    }

    /** The synapse array: rows the output lines, columns the input lines (its cells are this network's devices). */
    public Crossbar crossbar() {
        return crossbar;
    }

    /** State index of the synapse from input i to output j. */
    public int synapse(int i, int j) {
        return j * nIn + i;
    }

    /**
     * The current (A) each output line at 0 V delivers into its neuron when the input lines carry
     * {@code inputVoltage}: −Σ over inputs of the device current from the output line to the input line.
     */
    public void lineCurrents(double[] inputVoltage, double[] out) {
        Arrays.fill(out, 0);
        for (int i = 0; i < nIn; i++) {
            if (inputVoltage[i] != 0) {
                addLine(i, inputVoltage[i], out);
            }
        }
    }

    private void addLine(int i, double vIn, double[] out) {
        double u = model.currentVoltageFactor(-vIn);
        int base = i * nOut;
        for (int j = 0; j < nOut; j++) {
            out[j] -= sx[base + j] * u;
        }
    }

    /** The homeostatic currents θ (A), one per output. */
    public double[] theta() {
        return theta;
    }

    /**
     * Sets each output line's mirror gain inversely to the Euclidean norm of its read factors s(x),
     * scaled so that the gains average 1: a line then reports how well an input matches its
     * synapses' pattern rather than how much conductance they hold (the cosine instead of the dot
     * product). An automatic gain control of the read-out (DigitTask.Gains), not learning.
     */
    public void calibrateLineGains() {
        // the squared norms first, in the gains' own array (this runs after every training image)
        java.util.Arrays.fill(lineGain, 0);
        for (int i = 0; i < nIn; i++) {
            int base = i * nOut;
            for (int j = 0; j < nOut; j++) {
                lineGain[j] += sx[base + j] * sx[base + j];
            }
        }
        double sum = 0;
        for (int j = 0; j < nOut; j++) {
            if (!(lineGain[j] > 0)) {
                throw new IllegalStateException("output " + j + " has no conductance to calibrate its gain against");
            }
            lineGain[j] = 1 / Math.sqrt(lineGain[j]);
            sum += lineGain[j];
        }
        for (int j = 0; j < nOut; j++) {
            lineGain[j] *= nOut / sum;
        }
    }

    /** The output lines' mirror gains relative to readGain (read-only use). */
    public double[] lineGains() {
        return lineGain;
    }

    /** Sets every output's adaptive threshold θ to their mean (an inference setting: see DigitTask.Thresholds). */
    public void equaliseThresholds() {
        double sum = 0;
        for (double t : theta) {
            sum += t;
        }
        java.util.Arrays.fill(theta, sum / nOut);
    }

    /** Learning events applied (spikes that touched the devices). */
    public long events() {
        return events;
    }

    /** Sets the factor on the read gain for the presentations that follow (1: the settings' gain). */
    public void setDriveScale(double scale) {
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("drive scale must be finite and > 0, got " + scale);
        }
        driveScale = scale;
    }

    /**
     * What a presentation carries over from the ones before it (a presentation starts with every
     * neuron at rest, {@link #resetNeurons()}): the device states and the thresholds θ, with the
     * counters of learning events and steps. A checkpoint between presentations.
     */
    public record Snapshot(double[] states, double[] theta, long events, long somaSteps, long networkSteps) {
        public Snapshot {
            states = states.clone();
            theta = theta.clone();
        }
    }

    /** This network's state between presentations (copies). */
    public Snapshot snapshot() {
        return new Snapshot(x, theta, events, somaSteps, networkSteps);
    }

    /**
     * Continues from {@code s}, taken from a network of the same settings: the next presentation
     * runs as it would have in the network that took it.
     */
    public void restore(Snapshot s) {
        if (s.states().length != x.length || s.theta().length != nOut) {
            throw new IllegalArgumentException("snapshot of " + s.states().length + " synapses and " + s.theta().length
                    + " neurons, this network has " + x.length + " and " + nOut);
        }
        for (int k = 0; k < x.length; k++) {
            double v = s.states()[k];
            if (!(v >= lo && v <= hi)) {
                throw new IllegalArgumentException("snapshot state " + k + " is " + v + ", outside the device range [" + lo + ", "
                        + hi + "]");
            }
        }
        for (double t : s.theta()) {
            if (!Double.isFinite(t)) {
                throw new IllegalArgumentException("snapshot threshold is not finite: " + t);
            }
        }
        System.arraycopy(s.states(), 0, x, 0, x.length);
        System.arraycopy(s.theta(), 0, theta, 0, nOut);
        events = s.events();
        somaSteps = s.somaSteps();
        networkSteps = s.networkSteps();
        statesChanged();
        resetNeurons();
    }

    /** {soma steps taken, network steps they covered} so far. */
    public long[] stepCounts() {
        return new long[] {somaSteps, networkSteps};
    }

    /** After a change to {@link #states()} from outside: recompute the current factors. */
    public void statesChanged() {
        for (int j = 0; j < nOut; j++) {
            for (int i = 0; i < nIn; i++) {
                sx[i * nOut + j] = model.currentStateFactor(x[j * nIn + i]);
            }
        }
    }

    /**
     * Weight normalisation as Diehl and Cook do after every training image, as a programming step
     * on the devices (not a learning rule): each output's device states, as fractions of the
     * state range, are scaled to sum to {@code target} (states held at the upper bound).
     */
    public void normalise(double target) {
        if (!(target > 0)) {
            throw new IllegalArgumentException("normalisation target must be > 0, got " + target);
        }
        double span = hi - lo;
        for (int j = 0; j < nOut; j++) {
            double sum = 0;
            for (int i = 0; i < nIn; i++) {
                sum += (x[j * nIn + i] - lo) / span;
            }
            if (sum <= 0) {
                continue;
            }
            double f = target / sum;
            for (int i = 0; i < nIn; i++) {
                int k = j * nIn + i;
                x[k] = Math.min(hi, lo + (x[k] - lo) * f);
                sx[i * nOut + j] = model.currentStateFactor(x[k]);
            }
        }
    }

    /** Every neuron back at rest, no spike remembered (devices and θ unchanged). */
    public void resetNeurons() {
        inAxons.reset();
        outAxons.reset();
        soma.resetToRest();
        Arrays.fill(lastPre, Double.NaN);
        Arrays.fill(lastPost, Double.NaN);
        Arrays.fill(lastKick, Double.NEGATIVE_INFINITY);
        Arrays.fill(iStart, 0);
        Arrays.fill(iEnd, 0);
        Arrays.fill(kickAt, -1);
        Arrays.fill(inhibitory, 0);
        time = 0;
    }

    /** The response to one presentation. */
    public record Response(int[] counts, double[] firstSpike) {
        /** The neuron with most spikes (ties: the earliest first spike), or −1 when none spiked. */
        public int winner() {
            int best = -1;
            for (int j = 0; j < counts.length; j++) {
                if (counts[j] > 0 && (best < 0 || counts[j] > counts[best]
                        || (counts[j] == counts[best] && firstSpike[j] < firstSpike[best]))) {
                    best = j;
                }
            }
            return best;
        }

        public int total() {
            int s = 0;
            for (int c : counts) {
                s += c;
            }
            return s;
        }
    }


    /** Presents a given input schedule and runs for {@code total} seconds from rest, in fixed steps. */
    public Response present(Schedule input, double total) {
        return present(input, total, 0);
    }

    /**
     * As {@link #present(Schedule, double)}, but quiet stretches are crossed in steps of up to
     * {@code quietStep} (s) instead of the network step: while no input line is in the positive
     * lobe of its pulse (so that no line current reaches a soma: the mirror passes only current
     * into the soma) and every soma is below rest + 5 mV, the somas only relax under θ and the
     * inhibition, nothing can spike and no device moves, so they take one trapezoidal step of up to
     * {@code quietStep} (stopping at the next input spike and the next axon kick) while the line
     * waveforms advance step by step. With replayed axons and event learning only; 0 (or anything
     * up to the network step) steps everything at the network step.
     */
    public Response present(Schedule input, double total, double quietStep) {
        resetNeurons();
        int steps = (int) Math.round(total / h);
        int[] counts = new int[nOut];
        double[] first = new double[nOut];
        Arrays.fill(first, Double.NaN);
        boolean learn = ns.learning() != NetworkSettings.Learning.OFF;
        double thetaDecay = Math.exp(-h / ns.thetaTau());
        double inhibitionDecay = Math.exp(-h / ns.inhibitionTau());
        int maxSkip = (int) Math.floor(quietStep / h + 1e-9);
        boolean canSkip = maxSkip >= 2 && ns.axons() == NetworkSettings.Axons.REPLAY
                && ns.learning() != NetworkSettings.Learning.WAVEFORM;
        double quietLevel = soma.restVoltage() + 5e-3;
        int next = 0;
        int k = 0;
        while (k < steps) {
            time = k * h;
            while (next < input.size() && input.step(next) <= k) {
                int i = input.input(next++);
                inAxons.kick(i);
                if (ns.learning() == NetworkSettings.Learning.EVENT) {
                    preEvent(i, time);
                }
                lastPre[i] = time;
            }
            for (int j = 0; j < nOut; j++) {
                if (kickAt[j] != k) {
                    continue;
                }
                kickAt[j] = -1;
                outAxons.kick(j);
                if (ns.learning() == NetworkSettings.Learning.EVENT) {
                    postEvent(j, time);
                }
                lastPost[j] = time;
                lastKick[j] = time;
            }
            int m = canSkip ? quietSteps(k, steps, maxSkip, next < input.size() ? input.step(next) : steps, quietLevel) : 1;
            double hm = m * h;
            if (m == 1) {
                System.arraycopy(inAxons.voltage, 0, rowStart, 0, nIn);
                System.arraycopy(outAxons.voltage, 0, colStart, 0, nOut);
                inAxons.step(h);
                outAxons.step(h);
                System.arraycopy(inAxons.voltage, 0, rowEnd, 0, nIn);
                System.arraycopy(outAxons.voltage, 0, colEnd, 0, nOut);
                System.arraycopy(iEnd, 0, iStart, 0, nOut);
                read(inAxons, colEnd, iEnd);
            } else {
                for (int q = 0; q < m; q++) {
                    inAxons.step(h);
                    outAxons.step(h);
                }
                // decay first: the end current is θ and the inhibition at the end of the long step
                double td = Math.pow(thetaDecay, m - 1);
                double id = Math.pow(inhibitionDecay, m - 1);
                for (int j = 0; j < nOut; j++) {
                    inhibitory[j] *= id;
                    if (learn) {
                        theta[j] *= td;
                    }
                }
                System.arraycopy(iEnd, 0, iStart, 0, nOut);
                read(inAxons, outAxons.voltage, iEnd);
            }
            for (int j = 0; j < nOut; j++) {
                countBefore[j] = soma.spikeCount[j];
            }
            soma.step(hm, iStart, iEnd, null, 0);
            somaSteps++;
            networkSteps += m;
            if (ns.learning() == NetworkSettings.Learning.WAVEFORM) {
                waveformLearning();
            }
            double tEnd = time + hm;
            for (int j = 0; j < nOut; j++) {
                double kickTime = tEnd + ns.axonDelay();
                if (soma.spikeCount[j] > countBefore[j] && kickAt[j] < 0 && kickTime - lastKick[j] >= deadTime - 1e-12) {
                    kickAt[j] = k + m + (int) Math.round(ns.axonDelay() / h);
                    lastKick[j] = kickTime;
                    counts[j]++;
                    if (Double.isNaN(first[j])) {
                        first[j] = soma.lastSpikeTime[j];
                    }
                    for (int q = 0; q < nOut; q++) {
                        if (q != j) {
                            inhibitory[q] += ns.inhibition();
                        }
                    }
                    if (learn) {
                        theta[j] += ns.thetaStep();
                    }
                }
            }
            for (int j = 0; j < nOut; j++) {
                inhibitory[j] *= inhibitionDecay;
                if (learn) {
                    theta[j] *= thetaDecay;
                }
            }
            k += m;
        }
        return new Response(counts, first);
    }

    /**
     * How many network steps from step k the somas may cross in one step (1 when anything is
     * happening): up to maxSkip, not past the next input spike, the next kick or the end.
     */
    private int quietSteps(int k, int steps, int maxSkip, int nextInput, double quietLevel) {
        int until = Math.min(steps, Math.min(nextInput, k + maxSkip));
        if (until - k < 2 || !inAxons.pastPositiveLobes()) {
            return 1;
        }
        for (int j = 0; j < nOut; j++) {
            if (kickAt[j] >= 0) {
                until = Math.min(until, kickAt[j]);
            }
            if (!(soma.v[j] < quietLevel)) {
                return 1;
            }
        }
        return Math.max(1, until - k);
    }

    /**
     * The current into each soma at the present line voltages: a column at virtual ground passes
     * Σ over rows of −s(x)·u(0 − V_row) into a one-quadrant mirror of gain readGain; a driven
     * column passes nothing to its soma; θ and the lateral inhibition are subtracted.
     */
    private void read(Axons rows, double[] colVoltage, double[] out) {
        Arrays.fill(column, 0);
        for (int a = 0; a < rows.activeCount; a++) {
            int i = rows.active[a];
            addLine(i, rows.voltage[i], column);
        }
        double g = ns.readGain() * driveScale;
        for (int j = 0; j < nOut; j++) {
            out[j] = (colVoltage[j] == 0 ? g * lineGain[j] * Math.max(0, column[j]) : 0) - theta[j] - inhibitory[j];
        }
    }

    /** Every device whose voltage leaves the dead band during the step integrates its drift. */
    private void waveformLearning() {
        for (int i = 0; i < nIn; i++) {
            double r0 = rowStart[i];
            double r1 = rowEnd[i];
            for (int j = 0; j < nOut; j++) {
                double v0 = colStart[j] - r0;
                double v1 = colEnd[j] - r1;
                if (!drift.quiet(v0, v1)) {
                    int k = j * nIn + i;
                    x[k] = drift.step(x[k], v0, v1, h);
                    sx[i * nOut + j] = model.currentStateFactor(x[k]);
                    events++;
                }
            }
        }
    }

    private void preEvent(int i, double t) {
        int base = i * nOut;
        for (int j = 0; j < nOut; j++) {
            int k = j * nIn + i;
            x[k] = table.apply(x[k], true, lastPost[j] - t, deadTime);
            sx[base + j] = model.currentStateFactor(x[k]);
        }
        events++;
    }

    private void postEvent(int j, double t) {
        for (int i = 0; i < nIn; i++) {
            int k = j * nIn + i;
            x[k] = table.apply(x[k], false, t - lastPre[i], deadTime);
            sx[i * nOut + j] = model.currentStateFactor(x[k]);
        }
        events++;
    }
}
