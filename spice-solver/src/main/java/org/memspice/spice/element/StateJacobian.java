package org.memspice.spice.element;

/**
 * Optional capability of an element with integration states: the Q part of Xyce's
 * F(x) + d/dt(Q) form, per state. For state s with value q<sub>s</sub>(x), the element's rows read
 * F(x) + Σ<sub>s</sub> M<sub>·s</sub>·dq<sub>s</sub>/dt; it reports the incidence column
 * M<sub>·s</sub> and the gradient ∂q<sub>s</sub>/∂x at the solution in the context. A state the
 * element holds at this point (a memristor pinned at a bound: its row is then algebraic and its
 * derivative recorded as zero) is reported as held, with no incidence.
 *
 * <p>The transient adjoint uses this to carry sensitivities across time steps with the engine's
 * own integration formula; the element never sees the formula.
 */
public interface StateJacobian {
    void stateJacobian(LoadContext ctx, StateSink sink);

    /** Receives the incidence and gradient of each state. */
    interface StateSink {
        /** The state's time derivative enters row {@code row} with coefficient {@code coefficient}. */
        void incidence(int state, int row, double coefficient);

        /** ∂q<sub>state</sub>/∂x<sub>unknown</sub> += value. */
        void gradient(int state, int unknown, double value);

        /** The state is held at this point: d = 0 is recorded instead of the integration formula. */
        void held(int state);
    }
}
