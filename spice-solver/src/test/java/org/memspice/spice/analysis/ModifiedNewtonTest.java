package org.memspice.spice.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.memspice.spice.Netlists;
import org.memspice.spice.circuit.Options;
import org.memspice.spice.netlist.NetlistException;
import org.memspice.spice.output.Waveforms;

/**
 * Modified Newton at transient time points (chord steps with the factors of the point's first
 * iteration, or of the previous point when its integration coefficient is the same) against full
 * Newton (a factorization every iteration), `.options newton=full`: the same transients agree, a
 * nonlinear crossbar factors fewer times, and a point where the chord stalls still converges. In
 * a large crossbar GMRES on the factors at hand replaces refactorizations (`newton=chord` keeps
 * them), and its step is the Newton step.
 */
public class ModifiedNewtonTest {

    private static Simulator.Result run(String netlist, Options.NewtonMethod method) {
        String card = ".options newton=" + method.name().toLowerCase(Locale.ROOT) + "\n";
        return Netlists.runAll(netlist + card).get(0);
    }

    private static long factorizations(Statistics s) {
        return s.fullFactorizations + s.refactorizations;
    }

    /**
     * Largest difference of {@code vector} between the two runs on the full run's time points (the
     * modified run interpolated there), relative to the full run's peak-to-peak range.
     */
    private static double difference(Waveforms full, Waveforms modified, String vector) {
        double[] t = full.scale();
        double[] v = full.vector(vector);
        double worst = 0;
        for (int i = 0; i < t.length; i++) {
            worst = Math.max(worst, Math.abs(modified.interpolate(vector, t[i]) - v[i]));
        }
        return worst / peakToPeak(v);
    }

    private static double peakToPeak(double[] v) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double a : v) {
            lo = Math.min(lo, a);
            hi = Math.max(hi, a);
        }
        return hi - lo;
    }

    /**
     * Runs both ways and requires every listed vector to agree within {@code allowed} of its
     * peak-to-peak range; a nonlinear circuit must actually have taken chord steps.
     */
    private static Statistics[] agree(String netlist, double allowed, boolean nonlinear, String... vectors) {
        Simulator.Result full = run(netlist, Options.NewtonMethod.FULL);
        Simulator.Result modified = run(netlist, Options.NewtonMethod.MODIFIED);
        Statistics f = full.statistics();
        Statistics m = modified.statistics();
        assertEquals(0, f.chordIterations, "full Newton reuses no factors");
        if (nonlinear) {
            assertTrue(m.chordIterations > 0, "modified Newton took chord steps: " + m);
        }
        for (String v : vectors) {
            double d = difference(full.waveforms(), modified.waveforms(), v);
            System.out.printf(Locale.ROOT, "%s %s: modified vs full Newton differ by %.3g of peak-to-peak;"
                    + " factorizations %d vs %d, iterations %d vs %d%n", netlist.lines().findFirst().orElse(""), v, d,
                    factorizations(m), factorizations(f), m.newtonIterations, f.newtonIterations);
            assertTrue(d <= allowed, v + ": modified and full Newton differ by " + d + " of peak-to-peak, allowed "
                    + allowed);
        }
        return new Statistics[] {f, m};
    }

    @Test
    void rcLadderIsOneSolvePerPointEitherWay() {
        StringBuilder sb = new StringBuilder("* rc ladder\nV1 n0 0 PULSE(0 1 0 10n 10n 2u 5u)\n");
        for (int k = 1; k <= 50; k++) {
            sb.append(String.format(Locale.ROOT, "R%d n%d n%d 100\nC%d n%d 0 10p%n", k, k - 1, k, k, k));
        }
        sb.append(".tran 10n 10u\n");
        Statistics[] s = agree(sb.toString(), 0, false, "v(n10)", "v(n50)");
        assertEquals(s[0].newtonIterations, s[1].newtonIterations, "a linear circuit never iterates");
        assertEquals(0, s[1].chordIterations);
    }

    @Test
    void diodeRectifierAgrees() {
        // junction limiting (pnjlim) runs in both
        agree("* half-wave rectifier\nV1 in 0 SIN(0 5 1k)\nD1 in out dm\nR1 out 0 1k\nC1 out 0 10u\n"
                + ".model dm D(IS=1e-14 N=1.05 RS=0.5 CJO=2p)\n.tran 1u 3m\n", 1e-3, true, "v(out)", "i(v1)");
    }

    @Test
    void mosfetInverterAgrees() {
        agree("* cmos inverter\nVDD vdd 0 1.8\nVIN in 0 PULSE(0 1.8 1n 0.2n 0.2n 2n 5n)\n"
                + "MP out in vdd vdd pm W=2u L=0.18u\nMN out in 0 0 nm W=1u L=0.18u\nCL out 0 20f\n"
                + ".model nm NMOS(LEVEL=1 VTO=0.45 KP=120u LAMBDA=0.05 CGSO=0.3n CGDO=0.3n)\n"
                + ".model pm PMOS(LEVEL=1 VTO=-0.45 KP=40u LAMBDA=0.05 CGSO=0.3n CGDO=0.3n)\n.tran 10p 15n\n", 1e-3, true,
                "v(out)", "i(vdd)");
    }

    /**
     * An MxN crossbar of behavioural Yakopcic memristors (the cells of ../shared/reference's
     * memristor_yakopcic.cir, as bench/gen-memristor-crossbar.sh writes them) driven by sines
     * through 2.5 ohm wire segments.
     */
    static String yakopcicCrossbar(int rows, int cols, String tstop) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "* %dx%d Yakopcic crossbar%n", rows, cols));
        sb.append(".param a1=0.17 a2=0.17 b=0.05 vp=0.16 vn=0.15 ap=4000 an=4000 xp=0.3 xn=0.5 alphap=1 alphan=5"
                + " eta=1\n.subckt ymem p n params: x0=0.11\n"
                + "Bmem p n I = (V(p,n) >= 0 ? a1 : a2) * V(x) * sinh(b*V(p,n))\n"
                + "Bg g 0 V = V(p,n) > vp ? ap*(exp(V(p,n)) - exp(vp)) : (V(p,n) < -vn ? -an*(exp(-V(p,n)) - exp(vn)) : 0)\n"
                + "Bf f 0 V = V(p,n) >= 0 ? (V(x) >= xp ? exp(-alphap*(V(x)-xp)) * ((xp-V(x))/(1-xp) + 1) : 1)"
                + " : (V(x) <= 1-xn ? exp(alphan*(V(x)+xn-1)) * (V(x)/(1-xn)) : 1)\n"
                + "Cx x 0 1 IC={x0}\nGx 0 x value = eta * V(g) * V(f)\n.ends\n");
        appendArray(sb, rows, cols, 1, (i, j, x0) -> String.format(Locale.ROOT, "XM%d_%d r%d_%d c%d_%d ymem x0=%.4f%n", i, j,
                i, j, i, j, x0));
        sb.append(".tran 5u ").append(tstop).append(" uic\n");
        return sb.toString();
    }

    /** The line of cell (i, j) between row node r{i}_{j} and column node c{i}_{j}, starting state x0. */
    public interface Cell {
        String line(int i, int j, double x0);
    }

    /**
     * A rows x cols crossbar's sources, wires and cells: row i driven by a 100 Hz 0.45 V sine (phase
     * 360°·i/rows) through 2.5 ohm, 2.5 ohm per wire segment, columns sensed to ground through
     * 2.5 ohm, cell states x0 drawn from 0.05-0.25 with {@code seed} (the bench's crossbars too).
     */
    public static void appendArray(StringBuilder sb, int rows, int cols, long seed, Cell cell) {
        Random random = new Random(seed);
        for (int i = 0; i < rows; i++) {
            sb.append(String.format(Locale.ROOT, "VIN%d in%d 0 SIN(0 0.45 100 0 0 %.1f)%nRS%d in%d r%d_0 2.5%n", i, i,
                    360.0 * i / rows, i, i, i));
            for (int j = 0; j + 1 < cols; j++) {
                sb.append(String.format(Locale.ROOT, "RR%d_%d r%d_%d r%d_%d 2.5%n", i, j, i, j, i, j + 1));
            }
        }
        for (int j = 0; j < cols; j++) {
            for (int i = 0; i + 1 < rows; i++) {
                sb.append(String.format(Locale.ROOT, "RC%d_%d c%d_%d c%d_%d 2.5%n", i, j, i, j, i + 1, j));
            }
            sb.append(String.format(Locale.ROOT, "RSENSE%d c%d_%d 0 2.5%n", j, rows - 1, j));
        }
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                sb.append(cell.line(i, j, 0.05 + 0.2 * random.nextDouble()));
            }
        }
    }

    @Test
    void memristorCrossbarAgreesWithFewerFactorizations() {
        Statistics[] s = agree(yakopcicCrossbar(6, 6, "10m"), 1e-3, true, "i(vin0)", "i(vin3)", "v(xm0_0.x)",
                "v(xm5_5.x)", "v(c5_2)");
        assertTrue(factorizations(s[1]) < factorizations(s[0]), "modified Newton factors less: "
                + factorizations(s[1]) + " against " + factorizations(s[0]));
        // 120 unknowns: a factorization costs under two solves, so every point factors its first iteration
        assertEquals(0, s[1].previousPointChords, "no point starts from the previous point's factors: " + s[1]);
    }

    /**
     * In a 16x16 crossbar (800 unknowns) a factorization costs more than four solves: at the
     * constant step most points start with a chord step on the previous point's factors, and the
     * run factors fewer times than it has points, and still agrees with full Newton.
     */
    @Test
    void largerCrossbarStartsPointsFromThePreviousFactors() {
        Statistics[] s = agree(yakopcicCrossbar(16, 16, "2m"), 1e-3, true, "i(vin0)", "i(vin9)", "v(xm0_0.x)",
                "v(xm15_15.x)", "v(c15_7)");
        Statistics m = s[1];
        assertTrue(m.previousPointChords > m.acceptedSteps / 2, "points began on the previous point's factors: " + m);
        assertTrue(factorizations(m) < m.acceptedSteps, "fewer factorizations than points: " + m);
        assertEquals(0, s[0].previousPointChords, "full Newton: " + s[0]);
    }

    /**
     * The previous point's factors are offered for a point's first iteration only when they were
     * stamped with the present integration coefficient: a capacitor's companion conductance ag0·C
     * is part of the matrix, so another step or formula would make the chord start far off.
     */
    @Test
    void previousFactorsMatchOnlyTheSameIntegrationCoefficient() {
        MnaSystem system = new MnaSystem(Netlists.circuit("* rc\nV1 a 0 1\nR1 a d 1k\nC1 d 0 1n\nD1 d 0 dm\n"
                + ".model dm D(IS=1e-14)\n.tran 1u 10u\n"));
        org.memspice.spice.element.LoadContext ctx = system.context();
        ctx.setMode(org.memspice.spice.element.LoadContext.Mode.TRANSIENT);
        ctx.setIntegration(org.memspice.spice.element.LoadContext.Formula.TRAPEZOIDAL, 1e-6, 2e6, 1, 0);
        assertTrue(!system.factorsMatchIntegration(), "no factors yet");
        double[] x = new double[system.size() + 1];
        system.load(x);
        system.solve(new double[x.length]);
        assertTrue(system.factorsMatchIntegration(), "factored with this coefficient");
        ctx.setIntegration(org.memspice.spice.element.LoadContext.Formula.BACKWARD_EULER, 1e-6, 1e6, 0, 0);
        assertTrue(!system.factorsMatchIntegration(), "backward Euler with the same step has another ag0");
        ctx.setIntegration(org.memspice.spice.element.LoadContext.Formula.TRAPEZOIDAL, 1e-6, 2e6, 1, 0);
        assertTrue(system.factorsMatchIntegration(), "back to the factored coefficient");
        ctx.setMode(org.memspice.spice.element.LoadContext.Mode.DC);
        assertTrue(!system.factorsMatchIntegration(), "DC has no companion conductances");
    }

    /**
     * A behavioural exponential junction has no voltage limiting: on the pulse's edges the factors
     * of a point's first iteration are far from the Jacobian, the chord steps do not contract, and
     * the points finish as full Newton. The run still converges at the same points and agrees.
     */
    @Test
    void stallingChordFallsBackToFullNewton() {
        Statistics[] s = agree("* exponential junction without limiting\nV1 in 0 PULSE(0 5 1u 10n 10n 2u 5u)\n"
                + "R1 in d 100\nB1 d 0 I = 1e-14*(exp(V(d)/0.026)-1)\nC1 d 0 1p\n.tran 10n 10u\n", 1e-3, true, "v(d)",
                "i(v1)");
        assertTrue(s[1].rejectedChords > 0, "chord steps were discarded: " + s[1]);
        assertTrue(s[1].newtonFallbacks > 0, "some points finished by full Newton: " + s[1]);
        assertEquals(s[0].acceptedSteps, s[1].acceptedSteps, "the same points");
        assertTrue(factorizations(s[1]) < factorizations(s[0]), "fewer factorizations all the same: " + s[1]);
    }

    /** A source, a resistor and a diode to ground, and {@code more} element lines. */
    private static MnaSystem diodeCircuit(String more) {
        return new MnaSystem(Netlists.circuit("* diode\nV1 a 0 2\nR1 a d 100\nD1 d 0 dm\nR2 d 0 1k\n" + more
                + ".model dm D(IS=1e-14)\n.op\n"));
    }

    /** Every unknown at {@code volts} (entry 0, ground, stays 0). */
    private static double[] estimate(MnaSystem system, double volts) {
        double[] x = new double[system.size() + 1];
        java.util.Arrays.fill(x, 1, x.length, volts);
        return x;
    }

    @Test
    void chordStepWithTheMatrixOwnFactorsIsTheNewtonStep() {
        MnaSystem system = diodeCircuit("");
        double[] x = estimate(system, 0.6);
        double[] chord = new double[x.length];
        assertTrue(!system.solveChord(x, chord), "no factors before the first solve");
        system.load(x);
        double[] newton = new double[x.length];
        system.solve(newton);
        assertTrue(system.solveChord(x, chord));
        for (int i = 1; i < x.length; i++) {
            assertEquals(newton[i], chord[i], 1e-12 * (1 + Math.abs(newton[i])), "unknown " + i);
        }
        // with the factors of another point the step is not the Newton step
        double[] y = newton.clone();
        system.load(y);
        assertTrue(system.solveChord(y, chord));
        boolean moved = false;
        for (int i = 1; i < x.length; i++) {
            moved |= Math.abs(chord[i] - y[i]) > 1e-9;
        }
        assertTrue(moved, "a chord step from a point that is not the solution moves");
    }

    /**
     * GMRES on stale factors gives the present matrix's Newton step: factors from one operating
     * point of a diode circuit, a Jacobian stamped at another, and the Krylov step from the chord
     * (which alone is not the Newton step) against a fresh factorization's solve.
     */
    @Test
    void krylovStepOnOtherFactorsIsTheNewtonStep() {
        MnaSystem system = diodeCircuit("D2 d e dm\nR3 e 0 50\n");
        double[] x0 = estimate(system, 0.3);
        system.load(x0);
        system.solve(new double[x0.length]); // factors of the Jacobian at x0
        double[] x = estimate(system, 0.65);
        system.load(x);
        double[] weight = new double[x.length];
        java.util.Arrays.fill(weight, 1, x.length, 1e-6);
        double[] krylov = new double[x.length];
        assertTrue(system.solveChord(x, krylov));
        double[] chord = krylov.clone();
        assertTrue(system.solveKrylov(x, krylov, weight, 1e-6, 10), "converged within the limit");
        double[] newton = new double[x.length];
        system.solve(newton);
        double chordOff = 0;
        for (int i = 1; i < x.length; i++) {
            assertEquals(newton[i], krylov[i], 1e-9, "unknown " + i);
            chordOff = Math.max(chordOff, Math.abs(chord[i] - newton[i]));
        }
        assertTrue(chordOff > 1e-3, "the chord alone is not the Newton step: " + chordOff);
        assertEquals(1, system.krylovSteps());
        // a limit too small gives up and leaves the iterate alone
        system.load(x0);
        system.solve(new double[x0.length]);
        system.load(x);
        assertTrue(system.solveChord(x, krylov));
        double[] before = krylov.clone();
        assertTrue(!system.solveKrylov(x, krylov, weight, 1e-30, 1), "one iteration cannot reach 1e-30");
        assertTrue(java.util.Arrays.equals(before, krylov), "the chord iterate is left as it was");
        assertEquals(1, system.krylovFailures());
    }

    /**
     * In a 64x64 crossbar a factorization costs more than 18 solves: chord steps that do not
     * contract are replaced by GMRES on the factors they used, the run refactors less than with
     * `newton=chord` (which refactors instead), and the waveforms agree.
     */
    @Test
    void largeCrossbarTakesNewtonStepsByGmres() {
        String netlist = yakopcicCrossbar(64, 64, "0.4m");
        Simulator.Result chordRun = run(netlist, Options.NewtonMethod.CHORD);
        Simulator.Result modifiedRun = run(netlist, Options.NewtonMethod.MODIFIED);
        Statistics c = chordRun.statistics();
        Statistics m = modifiedRun.statistics();
        assertEquals(0, c.krylovSteps + c.krylovFailures, "newton=chord never uses GMRES: " + c);
        assertTrue(m.krylovSteps > m.acceptedSteps / 2, "most points took Newton steps by GMRES: " + m);
        assertTrue(factorizations(m) * 2 < factorizations(c), "half the factorizations or fewer: " + factorizations(m)
                + " against " + factorizations(c));
        assertTrue(m.toString().contains(m.krylovSteps + " Newton steps by GMRES on earlier factors"), m.toString());
        // rows 10-22 start near the sine's crest, above the switching threshold: their states move
        for (String v : new String[] {"i(vin0)", "i(vin16)", "v(xm16_0.x)", "v(xm12_2.x)", "v(xm20_4.x)", "v(c63_1)"}) {
            double d = difference(chordRun.waveforms(), modifiedRun.waveforms(), v);
            System.out.printf(Locale.ROOT, "64x64 %s: GMRES vs refactoring differ by %.3g of peak-to-peak %.3g%n", v, d,
                    peakToPeak(chordRun.waveforms().vector(v)));
            assertTrue(d <= 1e-3, v + ": GMRES and refactoring differ by " + d + " of peak-to-peak");
        }
    }

    /**
     * The set-up lays the behavioural sources' data out anew (MnaSystem.relocate) from 1,000 of
     * them on: a 20x20 crossbar (1,600 sources) is relocated and gives the same bits as without.
     */
    @Test
    void relocatedSourcesGiveTheSameBits() {
        org.memspice.spice.circuit.Circuit circuit = Netlists.circuit(yakopcicCrossbar(20, 20, "0.2m"));
        MnaSystem moved = new MnaSystem(circuit);
        assertEquals(1600, moved.relocatedElements());
        Simulator.Result a = Simulator.run(moved, circuit.analyses().get(0));
        Simulator.Result b;
        MnaSystem.relocateLayout = false;
        try {
            org.memspice.spice.circuit.Circuit again = Netlists.circuit(yakopcicCrossbar(20, 20, "0.2m"));
            MnaSystem inPlace = new MnaSystem(again);
            assertEquals(0, inPlace.relocatedElements());
            b = Simulator.run(inPlace, again.analyses().get(0));
        } finally {
            MnaSystem.relocateLayout = true;
        }
        for (String v : new String[] {"i(vin0)", "i(vin10)", "v(xm5_0.x)", "v(xm12_3.g)", "v(c19_7)"}) {
            double[] x = a.waveforms().vector(v);
            double[] y = b.waveforms().vector(v);
            assertEquals(y.length, x.length, v);
            for (int t = 0; t < x.length; t++) {
                assertEquals(Double.doubleToRawLongBits(y[t]), Double.doubleToRawLongBits(x[t]), v + " at point " + t);
            }
        }
        assertEquals(b.statistics().newtonIterations, a.statistics().newtonIterations);
    }

    @Test
    void optionNamesTheMethods() {
        assertEquals(Options.NewtonMethod.MODIFIED, new Options().newton, "modified Newton is the default");
        NetlistException e = assertThrows(NetlistException.class,
                () -> Netlists.circuit("* bad\nR1 a 0 1\nV1 a 0 1\n.options newton=krylov\n.tran 1u 1m\n"));
        assertEquals(Options.NewtonMethod.CHORD,
                Netlists.circuit("* ok\nR1 a 0 1\nV1 a 0 1\n.options newton=chord\n.tran 1u 1m\n").options().newton);
        assertTrue(e.getMessage().contains("newton takes modified, chord or full"), e.getMessage());
        assertTrue(e.getMessage().contains(":4:"), "names the line and column: " + e.getMessage());
    }
}
