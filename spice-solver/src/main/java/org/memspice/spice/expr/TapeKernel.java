package org.memspice.spice.expr;

/**
 * A tape compiled to straight-line bytecode by {@link TapeCompiler}: the same forward and reverse
 * sweeps as {@link CompiledExpression}'s interpreter, with the intermediate values and adjoints in
 * local variables instead of arrays. Stateless: one instance serves every expression of its shape
 * (the instructions without the constants, which come in {@code k}), from any thread; the
 * scratch arrays of function calls belong to the calling expression.
 */
abstract class TapeKernel {
    /**
     * The value at {@code in}: {@code k} is the tape's constant of every entry, {@code cv[i]} the
     * argument array of a function call at entry i.
     */
    abstract double eval(double[] in, double[] k, double[][] cv, CompiledExpression.TimeDerivatives time);

    /**
     * The value and its gradient into {@code grad} (entries 0 to variables - 1), as
     * {@link CompiledExpression#evalGradient}; {@code cp[i]} takes the partials of the call at
     * entry i; {@code constantAdjoint[i]} receives the adjoint of constant entry i when the
     * constant can receive one (others are left as they are, 0 in the expression's array).
     */
    abstract double evalGradient(double[] in, double[] grad, double[] k, double[][] cv, double[][] cp,
            CompiledExpression.TimeDerivatives time, double[] constantAdjoint);
}
