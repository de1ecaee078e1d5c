package org.memspice.dse;

import java.util.Locale;

/**
 * Every choice of one design point: tiles and mapping, cells and lines, converters, non-idealities,
 * energy parameters and the seed. Plain data with public fields (set by name through
 * {@link DesignParameters}, which checks each value where it is read and documents it).
 */
public final class DesignPoint implements Cloneable {
    public enum Scheme { DENSE, SPARSE }

    public enum Encoding { DIFFERENTIAL, OFFSET }

    public enum AdcRange { LINEAR, MINMAX, CALIBRATED }

    /** How linear tiles with line resistance are read: exact transfer matrices, or the crossbar solver read by read. */
    public enum TileSolver { TRANSFER, ITERATIVE, LU }

    public int tileRows = 128;
    public int tileCols = 128;
    public Scheme scheme = Scheme.DENSE;
    public Encoding encoding = Encoding.DIFFERENTIAL;
    /** conductance (0T1R linear), 1t1r (linear: memristor in series with the on transistor), MODEL or 1t1r:MODEL (nonlinear). */
    public String cells = "1t1r";
    public boolean idealLines;
    public TileSolver tileSolver = TileSolver.TRANSFER;
    public double wire = 1.0;
    public double driver = 10;
    public double sense = 10;
    public double readVoltage = 0.2;
    public double wordLine = 1.8;
    public double gMin = 1e-6;
    public double gMax = 20e-6;
    /** 0: continuous conductances; else this many states evenly spaced in [gMin, gMax]. */
    public int levels;
    /** Explicit conductance states (S), ascending; overrides levels, gMin and gMax when set. */
    public double[] levelList;
    /** 0: analog weights; else signed weights of this many magnitude bits. */
    public int weightBits;
    /** 0: all weight bits in one cell; else bits per cell (weight bit slicing). */
    public int bitsPerCell;
    /** 0: ideal (analog) inputs; else DAC bits of an input's magnitude. */
    public int dacBits;
    /** 0: all input bits in one read; else bits applied per read (input bit slicing). */
    public int inputBitsPerRead;
    /** 0: ideal ADC; else bits of the per-tile ADC. */
    public int adcBits;
    public AdcRange adcRange = AdcRange.MINMAX;
    /** Share of calibration conversions the calibrated range lets overflow. */
    public double adcOverflow = 1e-3;
    /** Training images whose activations set the DAC and ADC ranges. */
    public int calibrationImages = 200;
    public double deviceVariation;
    public double cycleVariation;
    public double stuckOn;
    public double stuckOff;
    public double driftTime;
    public double driftT0 = 1;
    public double driftNu = 0.05;
    /** Relative device-to-device spread of the drift exponent. */
    public double driftNuSpread = 0.4;
    public double retentionTime;
    public double retentionTau = 1e8;
    public double retentionBeta = 0.5;
    /** Write cycles each device has seen before programming; 0: fresh devices. */
    public double enduranceCycles;
    /** Cycles after which the conductance window starts to close. */
    public double enduranceLimit = 1e6;
    /** Share of the window lost per decade of cycles past the limit. */
    public double enduranceLoss = 0.3;
    /** none, or the device-models model whose write-and-verify programs every cell (crossbar's WriteVerifyProgrammer). */
    public String writeVerify = "none";
    public double writeVoltage = 0.45;
    public double pulseWidth = 10e-6;
    public double writeTolerance = 0.02;
    public int maxPulses = 1000;
    /** Log-normal spread of the devices' endurance around endurance_limit. */
    public double enduranceSpread = 0.5;
    public double readTime = 10e-9;
    public double adcFom = 20e-15;
    public double adcClock = 1e9;
    public int adcShare = 8;
    public double dacEnergyPerBit = 25e-15;
    public double addEnergy = 30e-15;
    /** Bits charged for an ideal (0-bit) converter's energy and time. */
    public int idealConverterBits = 8;
    public long seed = 1;

    @Override
    public DesignPoint clone() {
        try {
            DesignPoint p = (DesignPoint) super.clone();
            p.levelList = levelList == null ? null : levelList.clone();
            return p;
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }

    /** Smallest and largest programmable conductance (the level list's ends when one is given). */
    public double lowConductance() {
        return levelList != null ? levelList[0] : gMin;
    }

    public double highConductance() {
        return levelList != null ? levelList[levelList.length - 1] : gMax;
    }

    /** Whether the cells are linear (conductance or linear 1T1R). */
    public boolean linearCells() {
        String c = cells.toLowerCase(Locale.ROOT);
        return c.equals("conductance") || c.equals("1t1r");
    }

    /** Whether the cells have an access transistor. */
    public boolean accessTransistor() {
        return cells.toLowerCase(Locale.ROOT).startsWith("1t1r");
    }

    /** The memristor model of nonlinear cells, or null for linear ones. */
    public String model() {
        if (linearCells()) {
            return null;
        }
        String c = cells.toLowerCase(Locale.ROOT);
        return c.startsWith("1t1r:") ? c.substring(5) : c;
    }
}
