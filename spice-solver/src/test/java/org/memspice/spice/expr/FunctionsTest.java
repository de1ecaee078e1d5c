package org.memspice.spice.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The built-in functions computed without the JDK's native sinh and cosh stay within a few ulp of them. */
class FunctionsTest {
    @Test
    void sinhAndCoshAgreeWithTheJdksToAFewUlp() {
        Random random = new Random(15);
        double worst = 0;
        for (int t = 0; t < 200_000; t++) {
            double x = (random.nextBoolean() ? 1 : -1) * Math.pow(10, -12 + 15 * random.nextDouble());
            if (Math.abs(x) > 705) {
                continue;
            }
            worst = Math.max(worst, Math.abs(Functions.sinh(x) - Math.sinh(x)) / Math.ulp(Math.sinh(x)));
            worst = Math.max(worst, Math.abs(Functions.cosh(x) - Math.cosh(x)) / Math.ulp(Math.cosh(x)));
        }
        assertTrue(worst <= 4, "worst error " + worst + " ulp");
        assertEquals(Math.sinh(710.0), Functions.sinh(710.0));
        assertEquals(Double.POSITIVE_INFINITY, Functions.cosh(800.0));
        assertEquals(-0.0, Functions.sinh(-0.0));
        assertTrue(Double.isNaN(Functions.sinh(Double.NaN)) && Double.isNaN(Functions.cosh(Double.NaN)));
        assertEquals(Double.NEGATIVE_INFINITY, Functions.sinh(Double.NEGATIVE_INFINITY));
    }

    @Test
    void everyUnaryFunctionKeepsItsValueAndDerivative() {
        // the table by id against the definitions (derivatives by central differences where smooth)
        String[] names = {"abs", "sqrt", "sqr", "exp", "ln", "log", "log10", "sin", "cos", "tan", "asin", "acos", "atan",
            "arctan", "sinh", "cosh", "tanh", "asinh", "acosh", "atanh", "uramp"};
        double[] xs = {0.3, 0.7};
        for (String name : names) {
            Functions.Function f = Functions.lookup(name);
            for (double x0 : xs) {
                double x = name.equals("acosh") ? 1 + x0 : x0;
                double h = 1e-6;
                double numeric = (f.value(new double[] {x + h}) - f.value(new double[] {x - h})) / (2 * h);
                double[] d = new double[1];
                f.partials(new double[] {x}, d);
                assertEquals(numeric, d[0], 1e-6 * Math.max(1, Math.abs(numeric)), name + " at " + x);
            }
        }
        assertEquals(Math.log(2), Functions.lookup("ln").value(new double[] {2}));
        assertEquals(0.5, Functions.lookup("u").value(new double[] {0}));
        assertEquals(2.0, Functions.lookup("nint").value(new double[] {2.5}));
    }
}
