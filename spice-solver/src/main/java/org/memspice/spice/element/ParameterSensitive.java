package org.memspice.spice.element;

import java.util.List;

/**
 * Optional capability of an element whose parameters can be differentiated: it lists them by
 * name and gives the partial derivatives of its contributions to the residual with respect to
 * each, at the solution in a {@link LoadContext}.
 *
 * <p>The residual follows the engine's sign: for each row, {@code F(x) + M·dq/dt = 0} where
 * {@code F} is the sum of the currents leaving a node (or the branch equation of a branch row,
 * written as the stamped matrix times x minus the right-hand side), {@code q} the element's
 * integration states (charges, fluxes, device states) and {@code M} their incidence
 * ({@link StateJacobian}). {@link #parameterDerivative} reports ∂F/∂p by row and ∂q/∂p by state:
 * the two pieces of Xyce's F/Q form that a sensitivity analysis needs; the integration formula
 * combines them, not the element.
 */
public interface ParameterSensitive {
    /**
     * Names of the differentiable parameters, lower case; the first is the element's primary
     * value (the resistance of R, the DC value of V, x0 of a memristor).
     */
    List<String> sensitivityParameters();

    /** Present value of parameter {@code k} (index into {@link #sensitivityParameters}). */
    double parameterValue(int k);

    /**
     * Sets parameter {@code k}. The caller then tells the engine (constant stamps are cached:
     * {@code MnaSystem.parametersChanged()}). Throws IllegalArgumentException for a value the
     * element refuses (a zero resistance).
     */
    void setParameterValue(int k, double value);

    /**
     * Adds ∂F/∂p<sub>k</sub> to {@code sink.residual} and ∂q/∂p<sub>k</sub> to {@code sink.state}
     * for the solution, mode and time of {@code ctx} (nothing is stamped).
     */
    void parameterDerivative(int k, LoadContext ctx, SensitivitySink sink);

    /**
     * Why parameter {@code k} cannot be differentiated (a discrete switch, a stochastic draw), or
     * null when it can. Default: every listed parameter can.
     */
    default String notDifferentiable(int k) {
        return null;
    }

    /**
     * The name of the {@code .model} card whose parameters this element shares (null when none):
     * a sensitivity to {@code model:param} sums over the elements that report that card.
     */
    default String modelName() {
        return null;
    }

    /** Where parameter derivatives go: by residual row (unknown number) and by integration state. */
    interface SensitivitySink {
        /** Adds {@code value} to ∂F/∂p of row {@code row}; row 0 (ground) is ignored. */
        void residual(int row, double value);

        /** Adds {@code value} to ∂q/∂p of integration state {@code state}. */
        void state(int state, double value);
    }
}
