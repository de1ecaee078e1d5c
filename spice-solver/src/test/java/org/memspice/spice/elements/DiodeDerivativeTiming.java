package org.memspice.spice.elements;

import org.memspice.spice.Netlists;
import org.memspice.spice.analysis.DcPoint;
import org.memspice.spice.analysis.MnaSystem;
import org.memspice.spice.element.ParameterSensitive;

/**
 * Not a test: the cost of one {@link Diode#parameterDerivative} call (all parameters in turn, the
 * DC operating point of a breakdown diode with RS, TT, TCV and TNOM), printed in ns per call.
 * With the argument {@code cold} every call follows a temperature update (the analytic path then
 * recomputes the temperature-scaled derivatives it otherwise keeps), and the update is timed alone
 * too. Run after test-compile with the test and main classes on the class path.
 */
public final class DiodeDerivativeTiming {
    private DiodeDerivativeTiming() {
    }

    public static void main(String[] args) {
        boolean cold = args.length > 0 && args[0].equals("cold");
        MnaSystem s = new MnaSystem(Netlists.circuit("t\nV1 a 0 0.8\nR1 a b 100\nD1 b 0 dm 2\n"
                + ".model dm D(IS=2e-14 N=1.1 RS=3 CJO=2p VJ=0.8 M=0.4 FC=0.6 BV=5 IBV=1e-4 NBV=1.3 TT=5n EG=1.2"
                + " XTI=2.5 TCV=1e-3 TNOM=25)\n.temp 40\n.op\n"));
        double[] x = DcPoint.solve(s);
        DcPoint.load(s, x);
        Diode d = (Diode) java.util.Arrays.stream(s.elements()).filter(e -> e instanceof Diode).findFirst().orElseThrow();
        double[] sum = new double[1];
        ParameterSensitive.SensitivitySink sink = new ParameterSensitive.SensitivitySink() {
            @Override
            public void residual(int row, double value) {
                sum[0] += Math.abs(value);
            }

            @Override
            public void state(int state, double value) {
                sum[0] += Math.abs(value);
            }
        };
        int parameters = d.sensitivityParameters().size();
        for (int k = 0; k < parameters; k++) {
            sum[0] = 0;
            d.parameterDerivative(k, s.context(), sink);
            System.out.printf("%s: sum of |dF/dp| %.9e%n", d.sensitivityParameters().get(k), sum[0]);
        }
        for (int round = 0; round < 5; round++) {
            int calls = 2_000_000;
            long start = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                if (cold) {
                    d.temperature(40);
                }
                d.parameterDerivative(i % parameters, s.context(), sink);
            }
            long ns = System.nanoTime() - start;
            long update = 0;
            if (cold) {
                start = System.nanoTime();
                for (int i = 0; i < calls; i++) {
                    d.temperature(40);
                }
                update = System.nanoTime() - start;
            }
            System.out.printf("round %d: %.1f ns per parameterDerivative call%s (checksum %g)%n", round,
                    (double) ns / calls, cold ? String.format(", of which %.1f ns the temperature update before it",
                            (double) update / calls) : "", sum[0]);
        }
    }
}
