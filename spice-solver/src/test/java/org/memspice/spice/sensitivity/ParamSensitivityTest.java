package org.memspice.spice.sensitivity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sensitivities with respect to a .param: the chain rule over the element values it sets. */
class ParamSensitivityTest {
    @Test
    void dcDividerWithRespectToAParam(@TempDir Path dir) throws Exception {
        Path net = Files.writeString(dir.resolve("d.cir"), "div\n.param rval=1k\nV1 a 0 10\nR1 a b {rval}\nR2 b 0 3k\n.op\n");
        SensitivityResult r = Sensitivity.compute(net, "v(b)", List.of("rval", "r2"));
        assertEquals(-10 * 3e3 / 16e6, r.gradient()[0], 1e-12);
        assertEquals(1000, r.parameters().get(0).value(), 0);
    }

    @Test
    void transientParamUsedTwiceIsTheSumOfItsElements(@TempDir Path dir) throws Exception {
        Path net = Files.writeString(dir.resolve("rc.cir"), "rc\n.param rval=1k cval=1u\nV1 in 0 PULSE(0 1 0 1n 1n 10 20)\n"
                + "R1 in out {rval}\nR2 out 0 {2*rval}\nC1 out 0 {cval}\n.tran 10u 2m\n");
        SensitivityResult r = Sensitivity.compute(net, "integ(v(out))", List.of("rval", "r1", "r2", "cval", "c1"));
        double[] g = r.gradient();
        assertEquals(g[1] + 2 * g[2], g[0], 1e-9 * Math.abs(g[0]));
        assertEquals(g[4], g[3], 1e-9 * Math.abs(g[3]));
    }

    @Test
    void aParamInABehaviouralExpressionFollowsItsConstants(@TempDir Path dir) throws Exception {
        // B1 draws k*1e-4*v(b)^2 + k*1e-5 (current form) and B2 is a voltage k*0.1*v(b) (voltage form)
        String text = "b\n.param k=2\nV1 a 0 1\nR1 a b 1k\nB1 b 0 I={k}*1e-4*v(b)*v(b)+{k}*1e-5\n"
                + "B2 c 0 V={k}*0.1*v(b)\nR2 c 0 1k\n";
        for (String analysis : new String[] {".op\n", "V3 d 0 PULSE(0 1 0 1u 1u 1m 2m)\nR3 d b 10k\nC1 b 0 1n\n"
                + ".tran 10u 200u\n"}) {
            Path net = Files.writeString(dir.resolve("b.cir"), text + analysis);
            String objective = analysis.startsWith(".op") ? "v(c) + v(b)" : "integ(v(c)) * 1k + v(b)";
            SensitivityResult r = Sensitivity.compute(net, objective, List.of("k"));
            // central differences of full runs with the .param moved
            double h = 1e-4;
            double up = Sensitivity.compute(new org.memspice.spice.netlist.CircuitBuilder(
                    org.memspice.spice.element.ElementRegistry.loadDefault()).overrideParameter("k", 2 + h).build(net),
                    objective, List.of()).value();
            double down = Sensitivity.compute(new org.memspice.spice.netlist.CircuitBuilder(
                    org.memspice.spice.element.ElementRegistry.loadDefault()).overrideParameter("k", 2 - h).build(net),
                    objective, List.of()).value();
            double fd = (up - down) / (2 * h);
            assertEquals(fd, r.gradient()[0], 1e-4 * Math.abs(fd), analysis);
        }
        Path net = Files.writeString(dir.resolve("b.cir"), text + ".op\n");
        String msg = assertThrows(IllegalArgumentException.class,
                () -> Sensitivity.compute(net, "v(b)", List.of("nothere"))).getMessage();
        assertTrue(msg.contains("no element, model or .param named nothere"), msg);
    }
}
