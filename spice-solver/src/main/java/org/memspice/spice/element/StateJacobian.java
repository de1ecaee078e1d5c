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
 *
 * <p>A state may instead be integrated from the previous point, as SPICE does MOSFET gate charges
 * (q<sub>n</sub> = q<sub>n−1</sub> + G(x<sub>n</sub>, x<sub>n−1</sub>, p)): the element then marks it
 * {@link StateSink#increment}, reports ∂G/∂x<sub>n</sub> as its gradient and ∂G/∂x<sub>n−1</sub> as
 * its {@link StateSink#previousGradient}, and needs the previous point ({@link #stepFrom}). The default
 * methods below are what a Q(x) element needs: nothing.
 */
public interface StateJacobian {
    void stateJacobian(LoadContext ctx, StateSink sink);

    /**
     * The step solved or differentiated next starts from accepted solution {@code x}: an element whose
     * states are integrated from the previous point's values takes them from x. A run's own steps need
     * no call (the element keeps them when a point is accepted); the adjoint calls it when it visits
     * points out of order (backward, or re-solving a segment from a checkpoint). Default: nothing.
     */
    default void stepFrom(double[] x) {
    }

    /**
     * Why the states of this element cannot be differentiated (its Jacobian is approximate, for
     * example), or null when they can. Default: they can.
     */
    default String statesNotDifferentiable() {
        return null;
    }

    /** Receives the incidence and gradient of each state. */
    interface StateSink {
        /** The state's time derivative enters row {@code row} with coefficient {@code coefficient}. */
        void incidence(int state, int row, double coefficient);

        /** ∂q<sub>state</sub>/∂x<sub>unknown</sub> += value. */
        void gradient(int state, int unknown, double value);

        /** The state is held at this point: d = 0 is recorded instead of the integration formula. */
        void held(int state);

        /**
         * At this point the state is its previous value plus an increment, q<sub>n</sub> = q<sub>n−1</sub> +
         * G(x<sub>n</sub>, x<sub>n−1</sub>, p): {@link #gradient} is ∂G/∂x<sub>n</sub> and the element's
         * ∂q/∂p is ∂G/∂p. Default: ignored (a sink that does not follow the history).
         */
        default void increment(int state) {
        }

        /** ∂q<sub>state</sub>/∂x<sub>unknown</sub> at the previous point += value (an increment's ∂G/∂x<sub>n−1</sub>). */
        default void previousGradient(int state, int unknown, double value) {
        }

        /**
         * Residual row {@code row} at this point reads the values of state {@code state} at earlier
         * points (a ddt() term's lagged slope): ∂F<sub>row</sub>/∂q<sub>state</sub> at point n − {@code back}
         * += value, {@code back} 1 or 2. Such a state (a record of values, no incidence) is reported
         * held, with its {@link #gradient} ∂q/∂x at its own point. Default: ignored.
         */
        default void laggedState(int state, int back, int row, double value) {
        }

        /**
         * Of the {@link #gradient} reported for (state, unknown), {@code value} is left out of the
         * Jacobian the element stamps for Newton (SPICE's Meyer charges stamp the averaged capacitance
         * only): the exact Jacobian is the stamped one plus c0·M·(this). Default: ignored.
         */
        default void unstamped(int state, int unknown, double value) {
        }
    }
}
