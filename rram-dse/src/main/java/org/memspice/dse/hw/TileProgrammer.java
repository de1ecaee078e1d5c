package org.memspice.dse.hw;

import org.memspice.dse.DesignPoint;
import org.memspice.dse.map.Block;
import org.memspice.dse.map.CellCoding;
import org.memspice.dse.map.TilePlan;
import org.memspice.dse.net.Weighted;
import org.memspice.devices.programming.ConductanceLevels;

/**
 * The programming targets of a tile: each block's weights, normalized by the layer's largest
 * |w|, encoded ({@link CellCoding}) into G = G_low + value·(G_high − G_low) and, when the devices
 * hold finite states, snapped onto the nearest state ({@link ConductanceLevels}): a programmed
 * cell never holds a value between states. Structural zeros inside a block (dense scheme) are
 * programmed as zero weights.
 */
public final class TileProgrammer {
    private final DesignPoint p;
    private final CellCoding coding;
    private final ConductanceLevels levels;
    private final double low;
    private final double span;

    public TileProgrammer(DesignPoint p, CellCoding coding) {
        this.p = p;
        this.coding = coding;
        this.low = p.lowConductance();
        this.span = p.highConductance() - low;
        this.levels = p.levelList != null ? ConductanceLevels.of(p.levelList)
                : p.levels > 0 ? ConductanceLevels.even(p.gMin, p.gMax, p.levels) : null;
    }

    /** The states cells are snapped to, or null for continuous conductances. */
    public ConductanceLevels levels() {
        return levels;
    }

    /** The conductance of normalized value v after snapping. */
    public double conductance(double value) {
        double g = low + value * span;
        return levels == null ? g : levels.nearest(g);
    }

    /** Programs tile {@code plan} of layer {@code w} whose weights are scaled by 1/wMax. */
    public TileConductances program(Weighted w, TilePlan plan, double wMax) {
        TileConductances t = new TileConductances(plan.rows(), plan.cols());
        int slices = coding.slices();
        double[] plus = new double[slices];
        double[] minus = new double[slices];
        int cpo = coding.columnsPerOutput();
        int k = w.inputs();
        double[] weights = w.weights();
        for (Block b : plan.blocks()) {
            for (int i = 0; i < b.inputs(); i++) {
                int input = b.inputFirst() + i;
                int row = (b.rowFirst() + i) * t.cols;
                for (int o = 0; o < b.outputs(); o++) {
                    int output = b.outputFirst() + o;
                    double q = w.connected(output, input) ? weights[output * k + input] / wMax : 0;
                    coding.encode(q, plus, minus);
                    int col = b.colFirst() + o * cpo;
                    for (int s = 0; s < slices; s++) {
                        if (coding.differential()) {
                            set(t, row + col + 2 * s, conductance(plus[s]));
                            set(t, row + col + 2 * s + 1, conductance(minus[s]));
                        } else {
                            set(t, row + col + s, conductance(plus[s]));
                        }
                    }
                }
                for (int s = 0; s < coding.referenceColumns(); s++) {
                    set(t, row + b.colFirst() + b.outputs() * cpo + s, conductance(coding.reference(s)));
                }
            }
        }
        return t;
    }

    private static void set(TileConductances t, int cell, double g) {
        t.g[cell] = g;
        t.formed[cell] = true;
    }
}
