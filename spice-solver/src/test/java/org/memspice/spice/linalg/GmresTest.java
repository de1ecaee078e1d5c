package org.memspice.spice.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/**
 * GMRES against a dense direct solve (EJML): the operator I + U·Vᵀ of rank k is solved exactly
 * within k + 1 iterations (its Krylov space has at most k + 1 dimensions), the residual the
 * rotations report is the true residual, and a limit too small gives up with the best iterate so far.
 */
public class GmresTest {

    /** A dense operator. */
    private static Gmres.Operator dense(DMatrixRMaj a) {
        return (in, out) -> {
            int n = a.numRows;
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < n; j++) {
                    s += a.get(i, j) * in[j];
                }
                out[i] = s;
            }
        };
    }

    /** I + U·Vᵀ with n x k random factors scaled by {@code size}. */
    private static DMatrixRMaj identityPlusRank(int n, int k, double size, long seed) {
        Random r = new Random(seed);
        DMatrixRMaj a = CommonOps_DDRM.identity(n);
        for (int c = 0; c < k; c++) {
            double[] u = new double[n];
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                u[i] = size * r.nextGaussian();
                v[i] = r.nextGaussian() / Math.sqrt(n);
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    a.add(i, j, u[i] * v[j]);
                }
            }
        }
        return a;
    }

    private static double[] randomVector(int n, long seed) {
        Random r = new Random(seed);
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            c[i] = r.nextGaussian();
        }
        return c;
    }

    private static double[] directSolve(DMatrixRMaj a, double[] c) {
        DMatrixRMaj x = new DMatrixRMaj(c.length, 1);
        assertTrue(CommonOps_DDRM.solve(a, new DMatrixRMaj(c.length, 1, true, c), x));
        return x.data;
    }

    private static double trueResidual(DMatrixRMaj a, double[] c, double[] y) {
        double[] ay = new double[c.length];
        dense(a).apply(y, ay);
        double s = 0;
        for (int i = 0; i < c.length; i++) {
            s += (c[i] - ay[i]) * (c[i] - ay[i]);
        }
        return Math.sqrt(s);
    }

    @Test
    void identityPlusRankKIsSolvedWithinKPlusOneIterations() {
        int n = 60;
        for (int k = 0; k <= 6; k++) {
            DMatrixRMaj a = identityPlusRank(n, k, 0.7, 11 + k);
            double[] c = randomVector(n, 5 + k);
            Gmres gmres = new Gmres(n, 20);
            double[] y = new double[n];
            assertTrue(gmres.solve(dense(a), c, y, 1e-10, 20), "rank " + k);
            assertTrue(gmres.iterations() <= k + 1, "rank " + k + " took " + gmres.iterations() + " iterations");
            double[] exact = directSolve(a, c);
            for (int i = 0; i < n; i++) {
                assertEquals(exact[i], y[i], 1e-8 * (1 + Math.abs(exact[i])), "rank " + k + ", unknown " + i);
            }
        }
    }

    @Test
    void reportedResidualIsTheTrueOneAndALimitTooSmallGivesUp() {
        int n = 80;
        DMatrixRMaj a = identityPlusRank(n, 12, 1.5, 3);
        double[] c = randomVector(n, 4);
        Gmres gmres = new Gmres(n, 30);
        double[] y = new double[n];
        double previous = Double.POSITIVE_INFINITY;
        for (int limit = 1; limit <= 6; limit++) {
            assertFalse(gmres.solve(dense(a), c, y, 1e-12, limit), "rank 12 in " + limit + " iterations");
            assertEquals(limit, gmres.iterations());
            double reported = gmres.residualNorm();
            assertEquals(trueResidual(a, c, y), reported, 1e-9 * (1 + reported), "limit " + limit);
            assertTrue(reported <= previous, "GMRES's residual never grows with the space: " + reported + " after " + previous);
            previous = reported;
        }
        assertTrue(gmres.solve(dense(a), c, y, 1e-9, 30));
        assertTrue(gmres.iterations() <= 13, "rank 12: " + gmres.iterations());
        assertEquals(trueResidual(a, c, y), gmres.residualNorm(), 1e-8);
    }

    @Test
    void zeroAndNonFiniteRightHandSides() {
        Gmres gmres = new Gmres(5, 4);
        DMatrixRMaj a = identityPlusRank(5, 1, 1, 1);
        double[] y = {9, 9, 9, 9, 9};
        assertTrue(gmres.solve(dense(a), new double[5], y, 1e-12, 4), "zero right-hand side");
        assertEquals(0, gmres.iterations());
        for (double v : y) {
            assertEquals(0, v);
        }
        double[] c = {1, Double.NaN, 0, 0, 0};
        assertFalse(gmres.solve(dense(a), c, y, 1e-12, 4), "a NaN right-hand side never converges");
        Gmres.Operator broken = (in, out) -> java.util.Arrays.fill(out, Double.POSITIVE_INFINITY);
        assertFalse(gmres.solve(broken, new double[] {1, 0, 0, 0, 0}, y, 1e-12, 4), "an operator that overflows");
        assertThrows(IllegalArgumentException.class, () -> gmres.solve(dense(a), new double[5], new double[5], 1e-12, 5));
        assertThrows(IllegalArgumentException.class, () -> new Gmres(0, 3));
    }
}
