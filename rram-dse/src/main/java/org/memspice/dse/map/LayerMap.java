package org.memspice.dse.map;

import java.util.ArrayList;
import java.util.List;
import org.memspice.dse.DesignPoint;
import org.memspice.dse.DseInputException;
import org.memspice.dse.net.Weighted;

/**
 * Where a weighted layer's K×N matrix (unrolled: one read per convolution position) lives on
 * tiles of R×C cells.
 *
 * <p><b>Dense scheme</b>: the whole matrix, the structural zeros of grouped and depthwise
 * convolutions included, is cut into row chunks of R inputs and column chunks of as many
 * outputs as fit in C columns; each chunk is one tile, whose partial sums are accumulated across
 * the row chunks after each tile's ADC.
 *
 * <p><b>Sparse scheme</b> (for layers with groups): each group's own (K/g)×(N/g) block is cut the
 * same way, and the pieces are packed onto tiles along the diagonal (disjoint rows and columns,
 * one read for all), so the structural zeros occupy no cells and each group's outputs need no
 * partial sums across tiles when its block fits one tile. Layers without groups map the same way
 * under both schemes.
 */
public final class LayerMap {
    private final Weighted layer;
    private final List<TilePlan> tiles;
    private final int slices;

    public LayerMap(Weighted layer, DesignPoint p, CellCoding coding, String name) {
        this.layer = layer;
        this.slices = coding.slices();
        int r = p.tileRows;
        int c = p.tileCols;
        int cpo = coding.columnsPerOutput();
        int refs = coding.referenceColumns();
        int perTile = (c - refs) / cpo;
        if (perTile < 1) {
            throw new DseInputException(name + ": an output needs " + cpo + " columns" + (refs > 0 ? " and " + refs
                    + " reference columns" : "") + " but a tile has " + c + "; use wider tiles or fewer weight slices");
        }
        List<Block> pieces = new ArrayList<>();
        boolean sparse = p.scheme == DesignPoint.Scheme.SPARSE && layer.groups() > 1;
        int groups = sparse ? layer.groups() : 1;
        int kg = layer.inputs() / groups;
        int ng = layer.outputs() / groups;
        for (int g = 0; g < groups; g++) {
            for (int i0 = 0; i0 < kg; i0 += r) {
                for (int o0 = 0; o0 < ng; o0 += perTile) {
                    int ins = Math.min(r, kg - i0);
                    int outs = Math.min(perTile, ng - o0);
                    pieces.add(new Block(g * kg + i0, ins, g * ng + o0, outs, 0, 0, outs * cpo + refs));
                }
            }
        }
        List<TilePlan> plans = new ArrayList<>();
        List<Block> current = new ArrayList<>();
        int row = 0;
        int col = 0;
        for (Block b : pieces) {
            boolean fits = sparse && row + b.inputs() <= r && col + b.width() <= c;
            if (!current.isEmpty() && !fits) {
                plans.add(new TilePlan(plans.size(), r, c, List.copyOf(current)));
                current.clear();
                row = 0;
                col = 0;
            }
            current.add(new Block(b.inputFirst(), b.inputs(), b.outputFirst(), b.outputs(), row, col, b.width()));
            row += b.inputs();
            col += b.width();
        }
        plans.add(new TilePlan(plans.size(), r, c, List.copyOf(current)));
        this.tiles = List.copyOf(plans);
    }

    public Weighted layer() {
        return layer;
    }

    public List<TilePlan> tiles() {
        return tiles;
    }

    /** Formed cells over all tiles. */
    public long usedCells() {
        long n = 0;
        for (TilePlan t : tiles) {
            n += t.usedCells();
        }
        return n;
    }

    /** Cells of all tiles. */
    public long totalCells() {
        long n = 0;
        for (TilePlan t : tiles) {
            n += (long) t.rows() * t.cols();
        }
        return n;
    }

    /** Row drivers (one DAC each) over all tiles: the rows some block uses. */
    public int dacs() {
        int n = 0;
        for (TilePlan t : tiles) {
            n += t.usedRows();
        }
        return n;
    }

    /** ADCs over all tiles: each tile's digitized columns shared {@code share} to an ADC. */
    public int adcs(int share) {
        int n = 0;
        for (TilePlan t : tiles) {
            n += (t.conversions(slices) + share - 1) / share;
        }
        return n;
    }

    /** Cells that hold a connection of the layer (its weights, the zeros of grouped connectivity excluded), per slice and side. */
    public long connectionCells(CellCoding coding) {
        return (long) layer.outputs() * layer.groupInputs() * coding.columnsPerOutput();
    }
}
