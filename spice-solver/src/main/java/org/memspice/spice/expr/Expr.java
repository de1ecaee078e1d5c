package org.memspice.spice.expr;

/**
 * A parsed expression tree. Variables are numbered slots in an input array (node voltages,
 * branch currents, time ...) chosen by the code that parsed the expression. Every node can
 * evaluate itself and push the exact derivative of its value into a gradient array (reverse
 * accumulation), so Newton sees the true Jacobian of behavioural elements.
 */
public abstract class Expr {
    /** Longest path from this node to a leaf (1 for a leaf): bounds every recursive walk. */
    final int depth;

    protected Expr(int depth) {
        this.depth = depth;
    }

    /** Value at input {@code in}. */
    public abstract double eval(double[] in);

    /** Adds {@code seed * d(this)/d(in[k])} to {@code grad[k]} for every variable k. */
    public abstract void gradient(double[] in, double seed, double[] grad);

    /** True when the value does not depend on any variable. */
    public abstract boolean isConstant();
}
