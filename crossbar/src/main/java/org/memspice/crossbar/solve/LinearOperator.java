package org.memspice.crossbar.solve;

/** A matrix given by its action, with a preconditioner, for the Krylov solvers. */
interface LinearOperator {
    int size();

    /** y = A·x. */
    void multiply(double[] x, double[] y);

    /** z ≈ A⁻¹·r. */
    void precondition(double[] r, double[] z);
}
