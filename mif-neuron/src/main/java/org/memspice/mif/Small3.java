package org.memspice.mif;

/** 3x3 dense algebra for the per-neuron Newton and sensitivity solves (row-major arrays). */
final class Small3 {
    private Small3() {
    }

    /** Solves m·d = r by Cramer's rule (m is 3x3 row-major); returns d. */
    static double[] solve(double[] m, double[] r) {
        double[] d = new double[3];
        solveInto(m, r[0], r[1], r[2], d);
        return d;
    }

    /** Solves m·d = (r0, r1, r2) into d without allocating. */
    static void solveInto(double[] m, double r0, double r1, double r2, double[] d) {
        double c00 = m[4] * m[8] - m[5] * m[7];
        double c01 = m[5] * m[6] - m[3] * m[8];
        double c02 = m[3] * m[7] - m[4] * m[6];
        double det = m[0] * c00 + m[1] * c01 + m[2] * c02;
        if (det == 0 || !Double.isFinite(det)) {
            throw new ArithmeticException("singular 3x3 system");
        }
        double inv = 1 / det;
        d[0] = inv * (r0 * c00 + m[1] * (m[5] * r2 - r1 * m[8]) + m[2] * (r1 * m[7] - m[4] * r2));
        d[1] = inv * (m[0] * (r1 * m[8] - m[5] * r2) + r0 * c01 + m[2] * (m[3] * r2 - r1 * m[6]));
        d[2] = inv * (m[0] * (m[4] * r2 - r1 * m[7]) + m[1] * (r1 * m[6] - m[3] * r2) + r0 * c02);
    }

    /** Inverts the 3x3 matrix m (row-major) into out without allocating. */
    static void invertInto(double[] m, double[] out) {
        double c00 = m[4] * m[8] - m[5] * m[7];
        double c01 = m[5] * m[6] - m[3] * m[8];
        double c02 = m[3] * m[7] - m[4] * m[6];
        double det = m[0] * c00 + m[1] * c01 + m[2] * c02;
        if (det == 0 || !Double.isFinite(det)) {
            throw new ArithmeticException("singular 3x3 system");
        }
        double inv = 1 / det;
        out[0] = inv * c00;
        out[1] = inv * (m[2] * m[7] - m[1] * m[8]);
        out[2] = inv * (m[1] * m[5] - m[2] * m[4]);
        out[3] = inv * c01;
        out[4] = inv * (m[0] * m[8] - m[2] * m[6]);
        out[5] = inv * (m[2] * m[3] - m[0] * m[5]);
        out[6] = inv * c02;
        out[7] = inv * (m[1] * m[6] - m[0] * m[7]);
        out[8] = inv * (m[0] * m[4] - m[1] * m[3]);
    }
}
