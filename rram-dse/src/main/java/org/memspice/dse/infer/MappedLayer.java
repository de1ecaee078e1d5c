package org.memspice.dse.infer;

import java.util.List;
import org.memspice.dse.DesignPoint;
import org.memspice.dse.hw.TileCircuit;
import org.memspice.dse.map.Block;
import org.memspice.dse.map.CellCoding;
import org.memspice.dse.map.LayerMap;
import org.memspice.dse.map.TilePlan;
import org.memspice.dse.net.Weighted;

/**
 * One weighted layer on its tiles: y = W·x + b computed as the hardware does it. For each tile
 * and each input slice: the DACs put the inputs on the block rows, the tile is read (its circuit:
 * exact linear map or solver), each output's slice currents are subtracted (G⁺ − G⁻ columns, or
 * column − reference) and digitized by the tile's ADC, and the digital codes are shifted and
 * added into the outputs' partial sums across slices and tiles. The bias is added digitally.
 */
public final class MappedLayer {
    final int index;
    final Weighted layer;
    final LayerMap map;
    final CellCoding coding;
    final TileCircuit[] circuits;
    final Converters dac;
    final DesignPoint p;
    /** y = scale·Σ (slice-weighted digitized currents) + b. */
    final double scale;
    final double wMax;
    /** ADC range per tile and weight slice (A); null before calibration when ranges are calibrated. */
    double[][] low;
    double[][] high;
    private final double adcLevels;

    MappedLayer(int index, Weighted layer, LayerMap map, CellCoding coding, TileCircuit[] circuits, DesignPoint p,
            double wMax, double xMax, boolean signed) {
        this.index = index;
        this.layer = layer;
        this.map = map;
        this.coding = coding;
        this.circuits = circuits;
        this.p = p;
        this.wMax = wMax;
        this.dac = new Converters(p, xMax, signed);
        this.scale = wMax * xMax / (p.readVoltage * (p.highConductance() - p.lowConductance()));
        this.adcLevels = p.adcBits == 0 ? 0 : Math.pow(2, p.adcBits) - 1;
        if (p.adcBits > 0 && p.adcRange == DesignPoint.AdcRange.LINEAR) {
            int tiles = map.tiles().size();
            low = new double[tiles][coding.slices()];
            high = new double[tiles][coding.slices()];
            for (int t = 0; t < tiles; t++) {
                int rows = 0;
                for (Block b : map.tiles().get(t).blocks()) {
                    rows = Math.max(rows, b.inputs());
                }
                double fs = rows * p.readVoltage * (p.highConductance() - p.lowConductance()) * (coding.differential() ? 1 : 0.5);
                java.util.Arrays.fill(low[t], -fs);
                java.util.Arrays.fill(high[t], fs);
            }
        }
    }

    public LayerMap map() {
        return map;
    }

    public CellCoding coding() {
        return coding;
    }

    /** The layer's input full scale (the DAC's x_max). */
    public double inputFullScale() {
        return dac.fullScale();
    }

    /** Reads per tile per position (input slices). */
    public int inputSlices() {
        return dac.slices();
    }

    int dacBits() {
        return dac.bitsPerRead();
    }

    /** One thread's buffers and circuits for this layer. */
    final class Reader {
        final TileCircuit[] own = new TileCircuit[circuits.length];
        final double[] v;
        final double[] current;
        final double[] acc;
        final double[] diff;

        Reader() {
            for (int t = 0; t < circuits.length; t++) {
                own[t] = circuits[t].copy();
            }
            v = new double[p.tileRows];
            current = new double[p.tileCols];
            acc = new double[layer.outputs()];
            diff = new double[coding.slices()];
        }

        /**
         * y = W·x + b through the tiles; costs into tally; with a recorder, the undigitized slice
         * currents go to it instead of an ADC.
         */
        void multiply(double[] x, double[] y, Tally tally, Calibration.Recorder recorder, PowerTrace trace, int image,
                long readBase) {
            java.util.Arrays.fill(acc, 0);
            List<TilePlan> tiles = map.tiles();
            int slices = coding.slices();
            int cpo = coding.columnsPerOutput();
            double readEnergyBits = dac.bitsPerRead() == 0 ? p.idealConverterBits : dac.bitsPerRead();
            int adcBits = p.adcBits == 0 ? p.idealConverterBits : p.adcBits;
            double adcEnergy = p.adcFom * Math.pow(2, adcBits);
            for (int t = 0; t < tiles.size(); t++) {
                TilePlan plan = tiles.get(t);
                int usedRows = plan.usedRows();
                for (int sIn = 0; sIn < dac.slices(); sIn++) {
                    java.util.Arrays.fill(v, 0);
                    double vSum = 0;
                    for (Block b : plan.blocks()) {
                        for (int i = 0; i < b.inputs(); i++) {
                            double volt = dac.voltage(x[b.inputFirst() + i], sIn, tally);
                            v[b.rowFirst() + i] = volt;
                            vSum += volt;
                        }
                    }
                    double power = own[t].read(v, current);
                    tally.arrayEnergy += power * p.readTime;
                    tally.reads++;
                    tally.dacEnergy += usedRows * readEnergyBits * p.dacEnergyPerBit;
                    tally.dacConversions += usedRows;
                    if (trace != null) {
                        trace.read(image, index, t, readBase + tally.reads, power, vSum);
                    }
                    double inWeight = dac.weight(sIn);
                    for (Block b : plan.blocks()) {
                        int refBase = b.colFirst() + b.outputs() * cpo;
                        for (int o = 0; o < b.outputs(); o++) {
                            int col = b.colFirst() + o * cpo;
                            double sum = 0;
                            for (int s = 0; s < slices; s++) {
                                double d = coding.differential() ? current[col + 2 * s] - current[col + 2 * s + 1]
                                        : current[col + s] - current[refBase + s];
                                if (recorder != null) {
                                    recorder.record(t, s, d);
                                } else if (adcLevels > 0) {
                                    d = convert(d, low[t][s], high[t][s], tally);
                                }
                                sum += coding.sliceWeight(s) * d;
                            }
                            acc[b.outputFirst() + o] += inWeight * sum;
                        }
                        long conversions = (long) b.outputs() * slices;
                        tally.conversions += conversions;
                        tally.adcEnergy += conversions * adcEnergy;
                        tally.addEnergy += conversions * p.addEnergy;
                    }
                }
            }
            double[] bias = layer.bias();
            for (int o = 0; o < y.length; o++) {
                y[o] = acc[o] * scale + bias[o];
            }
        }

        /** A mid-rise ADC of 2^bits codes over [lo, hi]; values beyond clip and count as overflow. */
        private double convert(double d, double lo, double hi, Tally tally) {
            if (!(hi > lo)) {
                return lo;
            }
            double step = (hi - lo) / adcLevels;
            double code = Math.rint((d - lo) / step);
            if (code < 0 || code > adcLevels) {
                tally.overflows++;
                code = code < 0 ? 0 : adcLevels;
            }
            return lo + code * step;
        }
    }
}
