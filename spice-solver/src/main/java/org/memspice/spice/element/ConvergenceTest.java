package org.memspice.spice.element;

/**
 * A nonlinear element that checks its own currents once node voltages have converged
 * (as SPICE's device convergence tests do): the current predicted by the last linearization
 * must agree with the current at the new solution.
 */
public interface ConvergenceTest {
    boolean converged(LoadContext ctx);
}
