package org.memspice.spice.expr;

import java.util.List;

/**
 * What names mean where an expression is parsed: parameters, circuit quantities such as
 * {@code V(a,b)} and {@code I(Vx)}, and user functions. A method returns null for a name it
 * does not know; the parser then reports the name with its column.
 */
public interface Symbols {
    /** A parameter or special variable ({@code time}, {@code temper}). */
    Expr identifier(String name);

    /** {@code V(plus)} or {@code V(plus, minus)}; minus is null for the one-node form. */
    default Expr voltage(String plus, String minus) {
        return null;
    }

    /** {@code I(device)}: the branch current of a device. */
    default Expr current(String device) {
        return null;
    }

    /** {@code ddt(arg)}, where the context is simulated in time; null elsewhere. */
    default Expr timeDerivative(Expr arg) {
        return null;
    }

    /** A user function from {@code .func}. */
    default Expr userFunction(String name, List<Expr> args) {
        return null;
    }
}
