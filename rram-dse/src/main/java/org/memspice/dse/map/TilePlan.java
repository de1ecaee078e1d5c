package org.memspice.dse.map;

import java.util.List;

/**
 * One tile of a layer and the blocks it holds. Blocks have disjoint rows and disjoint columns,
 * so one read (every block's rows driven by its own inputs) serves them all.
 */
public record TilePlan(int index, int rows, int cols, List<Block> blocks) {
    /** Tile rows some block drives. */
    public int usedRows() {
        int n = 0;
        for (Block b : blocks) {
            n += b.inputs();
        }
        return n;
    }

    /** Cells some block occupies (formed and programmed). */
    public long usedCells() {
        long n = 0;
        for (Block b : blocks) {
            n += b.cells();
        }
        return n;
    }

    /** Difference currents one read digitizes: outputs × slices. */
    public int conversions(int slices) {
        int n = 0;
        for (Block b : blocks) {
            n += b.outputs() * slices;
        }
        return n;
    }
}
