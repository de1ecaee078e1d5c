package org.memspice.spice.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.memspice.spice.Netlists;
import org.memspice.spice.output.Waveforms;

/** Engine behaviour: initial conditions, error reports, fallbacks and options. */
class AnalysisTest {
    @Test
    void uicStartsFromCapacitorInitialCondition() {
        Waveforms w = Netlists.run("ic\nR1 a 0 1k\nC1 a 0 1u IC=2\n.tran 10u 3m uic\n");
        assertEquals(2.0, w.vector("v(a)")[0], 1e-12);
        assertEquals(2 * Math.exp(-1), w.interpolate("v(a)", 1e-3), 5e-3);
    }

    @Test
    void dotIcHoldsNodesDuringInitialOperatingPoint() {
        Waveforms w = Netlists.run("ic\nV1 in 0 1\nR1 in a 1k\nC1 a 0 1u\n.ic V(a)=0.25\n.tran 10u 3m\n");
        assertEquals(0.25, w.vector("v(a)")[0], 1e-6);
        assertEquals(1 - 0.75 * Math.exp(-1), w.interpolate("v(a)", 1e-3), 5e-3);
    }

    @Test
    void aStateThatDoesNotLimitTheStepIsLeftOutOfTheTruncationError() {
        // as ngspice leaves a MOSFET's junction charges out of its truncation-error estimate
        org.memspice.spice.circuit.Options o = new org.memspice.spice.circuit.Options();
        double[] deltas = {1e-9, 1e-9, 1e-9, 1e-9};
        org.memspice.spice.element.StateHistory one = new org.memspice.spice.element.StateHistory(new boolean[] {true});
        org.memspice.spice.element.StateHistory two = new org.memspice.spice.element.StateHistory(
                new boolean[] {true, false});
        double[] smooth = {1e-12, 0.9e-12, 0.7e-12, 0.4e-12};
        double[] wild = {5e-12, -5e-12, 5e-12, -5e-12};
        for (int back = 0; back < 4; back++) {
            one.values(back)[0] = smooth[back];
            two.values(back)[0] = smooth[back];
            two.values(back)[1] = wild[back];
        }
        double alone = Integration.truncationStep(one, o, o.method, 2, deltas);
        assertEquals(alone, Integration.truncationStep(two, o, o.method, 2, deltas), 0);
        org.memspice.spice.element.StateHistory limiting = new org.memspice.spice.element.StateHistory(
                new boolean[] {true, true});
        for (int back = 0; back < 4; back++) {
            limiting.values(back)[0] = smooth[back];
            limiting.values(back)[1] = wild[back];
        }
        assertTrue(Integration.truncationStep(limiting, o, o.method, 2, deltas) < alone / 2, "the wild state limits when it counts");
    }

    @Test
    void operatingPointContinuationFollowsGminstepsAndSrcsteps() {
        // two diodes in series: Newton needs more than two iterations, so ITL1=2 sends the operating
        // point to the continuation methods, each of which must land on the same answer
        String deck = "d\nV1 a 0 5\nR1 a b 1k\nD1 b c dm\nD2 c 0 dm\n.model dm D(IS=1e-14)\n.options itl1=2 %s\n.op\n";
        double reference = Netlists.run("d\nV1 a 0 5\nR1 a b 1k\nD1 b c dm\nD2 c 0 dm\n.model dm D(IS=1e-14)\n.op\n")
                .vector("v(b)")[0];
        for (String options : new String[] {"", "gminsteps=4", "gminsteps=0", "gminsteps=0 srcsteps=8"}) {
            assertEquals(reference, Netlists.run(String.format(deck, options)).vector("v(b)")[0], 1e-6, options);
        }
        ConvergenceException none = assertThrows(ConvergenceException.class,
                () -> Netlists.run(String.format(deck, "gminsteps=0 srcsteps=0")));
        assertTrue(none.getMessage().contains("no gmin stepping (gminsteps=0), no source stepping (srcsteps=0)"),
                none.getMessage());
    }

    @Test
    void aLongSweepReportsProgressAndStopsWhenItsThreadIsInterrupted() {
        org.memspice.spice.circuit.Circuit c = Netlists.circuit("sweep\nV1 a 0 0\nR1 a 0 1k\n.dc V1 0 1 1m\n");
        MnaSystem system = new MnaSystem(c);
        java.util.List<Double> seen = new java.util.ArrayList<>();
        Simulator.run(system, c.analyses().get(0), (analysis, fraction) -> seen.add(fraction));
        assertEquals(3, seen.size(), seen.toString()); // 1001 points, told every 256
        assertEquals(256 / 1001.0, seen.get(0), 1e-12);
        Thread.currentThread().interrupt();
        SimulationInterruptedException e = assertThrows(SimulationInterruptedException.class,
                () -> Simulator.run(system, c.analyses().get(0)));
        assertTrue(e.getMessage().contains("interrupted at v1 = 0.255 of the DC sweep"), e.getMessage());
        assertTrue(!Thread.currentThread().isInterrupted(), "the flag is consumed");
    }

    @Test
    void aTransientStopsWhenItsThreadIsInterrupted() {
        org.memspice.spice.circuit.Circuit c = Netlists.circuit("rc\nV1 a 0 1\nR1 a b 1k\nC1 b 0 1n\n.tran 1n 10u\n");
        Thread.currentThread().interrupt();
        SimulationInterruptedException e = assertThrows(SimulationInterruptedException.class,
                () -> Simulator.run(c));
        assertTrue(e.getMessage().startsWith("the simulation was interrupted at t = "), e.getMessage());
    }

    @Test
    void floatingNodeIsNamedBeforeSolving() {
        // b hangs between two capacitors: no DC path, a bad netlist (exit 2), found before Newton runs
        org.memspice.spice.netlist.NetlistException e = assertThrows(org.memspice.spice.netlist.NetlistException.class,
                () -> Netlists.run("float\nV1 a 0 1\nR1 a 0 1k\nC1 a b 1n\nC2 b 0 1n\n.op\n"));
        assertTrue(e.getMessage().startsWith("test.cir:4: node b has no DC path to ground (only c1, c2 use it;"),
                e.getMessage());
        // a floating island of resistors is named as a whole
        String island = assertThrows(org.memspice.spice.netlist.NetlistException.class,
                () -> Netlists.run("isl\nV1 a 0 1\nR1 a 0 1k\nR2 p q 1k\nR3 q r 1k\nI1 p r 1m\n.op\n")).getMessage();
        assertTrue(island.contains("nodes p, q, r have no DC path to ground"), island);
        // a node that only a current source uses is named at that source, in a transient too
        String source = assertThrows(org.memspice.spice.netlist.NetlistException.class,
                () -> Netlists.run("cs\nI1 0 n 1m\nV1 a 0 1\nR1 a 0 1k\n.tran 1n 10n\n")).getMessage();
        assertTrue(source.startsWith("test.cir:2: node n has no DC path to ground (only i1 uses it;"), source);
        // from initial conditions a capacitor is a path: the same circuit runs with uic
        Waveforms w = Netlists.run("float\nV1 a 0 1\nR1 a 0 1k\nC1 a b 1n\nC2 b 0 1n\n.tran 1n 10n uic\n");
        assertTrue(w.rows() > 2);
        // and a node held by .ic has a value for the initial operating point
        assertTrue(Netlists.run("float\nV1 a 0 1\nR1 a 0 1k\nC1 a b 1n\nC2 b 0 1n\n.ic v(b)=0.5\n.tran 1n 10n\n")
                .rows() > 2);
    }

    @Test
    void voltageSourceLoopIsNamedBeforeSolving() {
        String loop = assertThrows(org.memspice.spice.netlist.NetlistException.class,
                () -> Netlists.run("loop\nV1 a 0 1\nV2 a 0 2\nR1 a 0 1k\n.op\n")).getMessage();
        assertTrue(loop.startsWith("test.cir:3: v1, v2 form a loop of voltage sources"), loop);
        // at DC an inductor is a short: a source across it is a loop, in a transient from uic it is not
        String inductor = assertThrows(org.memspice.spice.netlist.NetlistException.class,
                () -> Netlists.run("l\nV1 a 0 1\nL1 a b 1u\nE1 b 0 a 0 0.5\n.op\n")).getMessage();
        assertTrue(inductor.startsWith("test.cir:4: l1, v1, e1 form a loop of voltage sources and inductors (shorts at"
                + " DC)"), inductor);
        assertTrue(Netlists.run("l\nV1 a 0 1\nL1 a 0 1u\nR1 a 0 1\n.tran 1n 10n uic\n").rows() > 2);
    }

    @Test
    void transientFailureNamesTimeStepAndWorstNode() {
        // one Newton iteration per step is never enough for a diode: the step collapses
        ConvergenceException e = assertThrows(ConvergenceException.class, () -> Netlists.run(
                "fail\n.options itl4=1\nV1 a 0 SIN(0 5 1k)\nR1 a d 100\nD1 d 0 dm\n.model dm D(IS=1e-14)\n.tran 1u 1m\n"));
        String m = e.getMessage();
        assertTrue(m.contains("at t = ") && m.contains("time step") && m.contains("worst unknown"), m);
    }

    @Test
    void operatingPointFallsBackToSourceStepping() {
        // a stack of diodes from a high voltage: plain Newton from zero is hard; the fallbacks solve it
        StringBuilder n = new StringBuilder("stack\nV1 a 0 100\nR1 a n0 10\n");
        for (int i = 0; i < 20; i++) {
            n.append("D").append(i).append(" n").append(i).append(" n").append(i + 1).append(" dm\n");
        }
        n.append("R2 n20 0 1\n.model dm D(IS=1e-16)\n.options itl1=8\n.op\n");
        Waveforms w = Netlists.run(n.toString());
        double i = w.vector("v(n20)")[0];
        assertTrue(i > 1 && i < 10, "current through the stack: " + i);
    }

    @Test
    void printSelectsVectorsInOrder() {
        Waveforms w = Netlists.run("p\nV1 a 0 1\nR1 a b 1k\nR2 b 0 1k\n.print dc v(b) v(a,b) i(v1)\n.dc V1 0 2 1\n");
        assertEquals(java.util.List.of("v(b)", "v(a,b)", "i(v1)"), w.names());
        assertEquals(1.0, w.vector("v(a,b)")[2], 1e-12);
    }

    @Test
    void linearCircuitTakesOneNewtonIterationPerPoint() {
        var r = Netlists.runAll("rc\nV1 in 0 PULSE(0 1 0 1n 1n 1u 2u)\nR1 in out 1k\nC1 out 0 1n\n.tran 10n 4u\n").get(0);
        Statistics s = r.statistics();
        assertEquals(s.acceptedSteps + s.rejectedTruncation + s.rejectedNewton + 1, s.newtonIterations);
    }

    @Test
    void severalAnalysesShareOneSystem() {
        var results = Netlists.runAll("two\nV1 in 0 PULSE(0 2 0 1n 1n 1 2)\nR1 in out 1k\nC1 out 0 1n\nR2 out 0 1k\n"
                + ".op\n.tran 10n 5u\n.dc V1 0 4 2\n");
        assertEquals(3, results.size());
        assertEquals("op", results.get(0).waveforms().analysis());
        assertEquals(1.0, results.get(1).waveforms().interpolate("v(out)", 5e-6), 1e-3);
        assertEquals(2.0, results.get(2).waveforms().vector("v(out)")[2], 1e-12);
    }

    @Test
    void plotVersusCardsAndResistorCurrents() {
        var c = Netlists.circuit("p\nV1 a 0 1\nR1 a b 1k\nR2 b 0 3k\n.plot dc i(r1) v(b) vs v(a)\n.dc V1 0 2 1\n");
        assertEquals(1, c.plots().size());
        assertEquals(java.util.List.of("i(r1)", "v(b)"), c.plots().get(0).y());
        assertEquals("v(a)", c.plots().get(0).x());
        Waveforms w = org.memspice.spice.analysis.Simulator.run(c).get(0).waveforms();
        assertEquals(2 / 4000.0, w.vector("i(r1)")[2], 1e-15);
        assertThrows(org.memspice.spice.netlist.NetlistException.class,
                () -> Netlists.circuit("p\nV1 a 0 1\nR1 a 0 1k\n.plot dc vs v(a)\n.op\n"));
    }

    @Test
    void closeBreakpointsAfterARejectedStepDoNotLoop() {
        // a 1 us pulse with 1 ns edges into a stiff RC: a step cut by the truncation error near the
        // 1 ns edge used to be stretched back onto the breakpoint again and again
        Waveforms w = Netlists.run("edges\nV1 in 0 PWL(0 0 1m 0 1.000001m 13591 1.000999m 13591 1.001m 0)\n"
                + "R1 in a 1m\nC1 a 0 1\nR2 a 0 1m\n.tran 10u 2m 0 10u uic\n");
        assertTrue(w.rows() > 100);
        // after the pulse the node decays with tau = C (R1 || R2) = 0.5 ms
        assertEquals(Math.exp(-1), w.interpolate("v(a)", 2e-3) / w.interpolate("v(a)", 1.5e-3), 2e-3);
    }

    @Test
    void transientStartsFromTheSourcesAtTimeZeroNotTheirDcValue() {
        // DC 1, but the pulse is 0 at t = 0: ngspice's initial point has the capacitor at 0 V
        String net = "start\nV1 in 0 DC 1 PULSE(0 1 1u 1n 1n 1u 4u)\nR1 in out 1k\nC1 out 0 1n\n";
        Waveforms tran = Netlists.run(net + ".tran 10n 1u\n");
        assertEquals(0, tran.vector("v(out)")[0], 1e-12);
        assertEquals(0, tran.interpolate("v(out)", 0.9e-6), 1e-12);
        // an operating point of its own still uses the DC value
        assertEquals(1, Netlists.op(net + ".op\n", "v(out)"), 1e-12);
    }

    @Test
    void aMaximumStepLongerThanTheRunKeepsEveryBreakpoint() {
        // tmax = 1 s for a 10 us run: the breakpoint merge distance used to scale with tmax (50 us),
        // which swallowed every pulse corner and left the output at 0
        Waveforms w = Netlists.run("tmax\nV1 in 0 PULSE(0 1 1u 1n 1n 2u 10u)\nR1 in out 100\nC1 out 0 1n\n"
                + ".tran 10n 10u 0 1\n");
        assertEquals(1 - Math.exp(-20), w.interpolate("v(out)", 3e-6), 1e-3);
        assertEquals(0, w.interpolate("v(out)", 0.5e-6), 1e-12);
    }

    @Test
    void printForOneAnalysisLeavesTheOthersWhole() {
        var results = Netlists.runAll("p\nV1 a 0 1\nR1 a b 1k\nR2 b 0 1k\n.print dc v(b), i(v1)\n.print ac v(a)\n"
                + ".op\n.dc V1 0 1 1\n");
        assertEquals(java.util.List.of("v(a)", "v(b)", "i(v1)"), results.get(0).waveforms().names());
        assertEquals(java.util.List.of("v(b)", "i(v1)"), results.get(1).waveforms().names());
    }
}
