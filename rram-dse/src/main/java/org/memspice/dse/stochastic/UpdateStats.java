package org.memspice.dse.stochastic;

/**
 * What the stochastic weight updates of a run cost: samples, streams generated, bits (each a
 * reset, a SET pulse and a read of one device), ones (each a SET and, before the next bit, a
 * RESET: two switching events), products counted (AND or XNOR gates read by a counter), and the
 * expected device energy from the law at each stream's amplitude (kept in femtojoules as an
 * integer so that sums do not depend on the order threads add them; a long holds 9,200 J).
 */
public final class UpdateStats {
    long samples;
    long streams;
    long bits;
    long ones;
    long products;
    private long energyFemtojoules;

    void addEnergy(double joules) {
        energyFemtojoules += Math.round(joules * 1e15);
    }

    /** Adds another instance's counts. */
    public void add(UpdateStats o) {
        samples += o.samples;
        streams += o.streams;
        bits += o.bits;
        ones += o.ones;
        products += o.products;
        energyFemtojoules += o.energyFemtojoules;
    }

    public long samples() {
        return samples;
    }

    public long streams() {
        return streams;
    }

    public long bits() {
        return bits;
    }

    public long ones() {
        return ones;
    }

    public long products() {
        return products;
    }

    /** Switching events: a SET for every one and the RESET that follows it. */
    public long switchingEvents() {
        return 2 * ones;
    }

    public double energy() {
        return energyFemtojoules * 1e-15;
    }
}
