package org.memspice.spice.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.ejml.data.DMatrixRMaj;
import org.ejml.sparse.csc.CommonOps_DSCC;
import org.junit.jupiter.api.Test;
import org.memspice.spice.Netlists;
import org.memspice.spice.circuit.Circuit;

/** The stamped Jacobian is an EJML sparse matrix: EJML's own multiply confirms each Newton step. */
class JacobianTest {
    @Test
    void ejmlMultiplyConfirmsTheLinearSolve() {
        Circuit c = Netlists.circuit("j\nV1 a 0 2\nR1 a b 1k\nD1 b c dm\nR2 c 0 2k\nE1 e 0 b 0 3\nR3 e 0 1k\n"
                + ".model dm D(IS=1e-14)\n.op\n");
        MnaSystem system = new MnaSystem(c);
        int n = system.size();
        double[] x = new double[n + 1];
        x[2] = 0.3; // an arbitrary estimate
        system.load(x);
        double[] solution = new double[n + 1];
        system.solve(solution);
        DMatrixRMaj xs = new DMatrixRMaj(n, 1);
        for (int u = 1; u <= n; u++) {
            xs.set(u - 1, 0, solution[u]);
        }
        DMatrixRMaj ax = new DMatrixRMaj(n, 1);
        CommonOps_DSCC.mult(system.jacobian(), xs, ax);
        for (int u = 1; u <= n; u++) {
            double b = system.rightHandSide()[u];
            assertEquals(b, ax.get(u - 1, 0), 1e-12 * Math.max(1, Math.abs(b)), "row " + u);
        }
    }
}
