package org.memspice.dse.infer;

/** What one inference (or any run of reads) cost: energies (J) and counts. Summed per image, then in image order. */
public final class Tally {
    public double arrayEnergy;
    public double dacEnergy;
    public double adcEnergy;
    public double addEnergy;
    public long reads;
    public long conversions;
    public long overflows;
    public long dacClips;
    public long dacConversions;

    public void clear() {
        arrayEnergy = 0;
        dacEnergy = 0;
        adcEnergy = 0;
        addEnergy = 0;
        reads = 0;
        conversions = 0;
        overflows = 0;
        dacClips = 0;
        dacConversions = 0;
    }

    public void add(Tally t) {
        arrayEnergy += t.arrayEnergy;
        dacEnergy += t.dacEnergy;
        adcEnergy += t.adcEnergy;
        addEnergy += t.addEnergy;
        reads += t.reads;
        conversions += t.conversions;
        overflows += t.overflows;
        dacClips += t.dacClips;
        dacConversions += t.dacConversions;
    }

    public double totalEnergy() {
        return arrayEnergy + dacEnergy + adcEnergy + addEnergy;
    }
}
