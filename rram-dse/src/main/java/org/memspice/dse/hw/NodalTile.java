package org.memspice.dse.hw;

import org.memspice.crossbar.solve.NodalLu;

/**
 * A linear tile with line resistance read through its whole nodal system factorized once
 * ({@code tile_solver=lu}: {@link NodalLu}, the formulation of MemTorch's {@code solve_passive}
 * in double precision), one forward and back substitution per read. The factors are shared;
 * each thread's {@link #copy} has its own buffers.
 */
final class NodalTile implements TileCircuit {
    private final NodalLu lu;
    private final NodalLu.Workspace work;

    NodalTile(NodalLu lu) {
        this.lu = lu;
        this.work = lu.newWorkspace();
    }

    @Override
    public double read(double[] v, double[] out) {
        return lu.read(v, out, work);
    }

    @Override
    public TileCircuit copy() {
        return new NodalTile(lu);
    }
}
