package org.memspice.spice.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.memspice.spice.Netlists;
import org.memspice.spice.circuit.Analysis;
import org.memspice.spice.circuit.Circuit;
import org.memspice.spice.element.ParameterSensitive;
import org.memspice.spice.output.Waveforms;

/** A transient advanced in pieces, with an input changed between them. */
class SteppableTransientTest {
    private static final String RC = "rc\nV1 in 0 1\nR1 in out 1k\nC1 out 0 1u IC=0\n.tran 10u 4m uic\n"
            + ".options reltol=1e-6\n";

    @Test
    void piecesMatchOneRunAndAnInputCanChangeBetweenThem() {
        Circuit c = Netlists.circuit(RC);
        MnaSystem s = new MnaSystem(c);
        Analysis.Tran spec = (Analysis.Tran) c.analyses().get(0);
        TransientAnalysis tran = new TransientAnalysis(s, spec);
        TransientAnalysis.Run run = tran.start(List.of("v(out)"));
        run.advanceTo(1e-3);
        assertEquals(1e-3, run.time(), 0);
        int out = c.unknowns().find("out");
        double v1 = run.solution()[out];
        assertEquals(1 - Math.exp(-1), v1, 1e-4);
        // the input steps from 1 V to 2 V at 1 ms
        ((ParameterSensitive) c.element("v1")).setParameterValue(0, 2);
        s.parametersChanged();
        run.discontinuity();
        run.advanceTo(2.5e-3);
        double expected = 2 - (2 - v1) * Math.exp(-1.5);
        assertEquals(expected, run.solution()[out], 1e-4);
        run.advanceTo(4e-3);
        Waveforms w = run.finish();
        assertEquals(4e-3, w.scale()[w.rows() - 1], 1e-15);
        assertEquals(2 - (2 - v1) * Math.exp(-3), w.vector("v(out)")[w.rows() - 1], 1e-4);
        assertThrows(IllegalArgumentException.class, () -> run.advanceTo(1e-3));
    }

    @Test
    void aSingleAdvanceIsTheOrdinaryRun() {
        Waveforms whole = Netlists.run(RC);
        Circuit c = Netlists.circuit(RC);
        TransientAnalysis.Run run = new TransientAnalysis(new MnaSystem(c), (Analysis.Tran) c.analyses().get(0))
                .start(List.of());
        run.advanceTo(4e-3);
        Waveforms w = run.finish();
        assertEquals(whole.rows(), w.rows());
        double[] a = whole.vector("v(out)");
        double[] b = w.vector("v(out)");
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 0);
        }
    }
}
