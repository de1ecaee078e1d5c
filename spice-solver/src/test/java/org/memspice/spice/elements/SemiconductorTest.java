package org.memspice.spice.elements;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.memspice.spice.Netlists;
import org.memspice.spice.output.Waveforms;

/** Diode and level-1 and level-2 MOSFET operating points against their equations. */
class SemiconductorTest {
    private static final double VT = Junctions.thermalVoltage(27);

    @Test
    void diodeForwardBiasSatisfiesShockleyAndKcl() {
        Waveforms w = Netlists.run("d\nV1 a 0 5\nR1 a d 1k\nD1 d 0 dm\n.model dm D(IS=1e-14 N=1.5)\n.op\n");
        double vd = w.vector("v(d)")[0];
        double i = (5 - vd) / 1e3;
        assertEquals(i, 1e-14 * (Math.exp(vd / (1.5 * VT)) - 1), i * 1e-6);
        assertTrue(vd > 0.9 && vd < 1.2, "vd " + vd);
    }

    @Test
    void diodeSeriesResistanceAddsInternalNode() {
        Waveforms w = Netlists.run("d\nV1 a 0 2\nD1 a 0 dm\n.model dm D(IS=1e-14 RS=10)\n.print v(d1#internal) i(v1)\n.op\n");
        double i = -w.vector("i(v1)")[0];
        double vInternal = w.vector("v(d1#internal)")[0];
        assertEquals(2 - 10 * i, vInternal, 1e-9);
        assertEquals(i, 1e-14 * (Math.exp(vInternal / VT) - 1), i * 1e-6);
    }

    @Test
    void diodeBreakdownClampsReverseVoltage() {
        Waveforms w = Netlists.run("z\nV1 a 0 20\nR1 a k 1k\nD1 0 k dz\n.model dz D(BV=5.6 IBV=1m)\n.op\n");
        // cathode held near -BV (anode at ground, cathode node k)
        double vk = w.vector("v(k)")[0];
        assertTrue(vk > 5.3 && vk < 6.0, "clamped near 5.6 V: " + vk);
    }

    @Test
    void nmosSaturationCurrent() {
        // Vgs = 2, Vto = 0.7, KP = 100u, W/L = 10: Id = 0.5 * 1e-3 * 1.69 * (1 + 0.02 * Vds)
        Waveforms w = Netlists.run("m\nVg g 0 2\nVd d 0 3\nM1 d g 0 0 nm W=10u L=1u\n"
                + ".model nm NMOS(LEVEL=1 VTO=0.7 KP=100u LAMBDA=0.02)\n.op\n");
        double id = -w.vector("i(vd)")[0];
        double expected = 0.5 * 100e-6 * 10 * 1.3 * 1.3 * (1 + 0.02 * 3);
        assertEquals(expected, id, expected * 1e-6);
    }

    @Test
    void nmosTriodeAndBodyEffect() {
        // Vbs = -1: Vth = 0.7 + 0.5 (sqrt(0.6 + 1) - sqrt(0.6))
        Waveforms w = Netlists.run("m\nVg g 0 3\nVd d 0 0.2\nVb b 0 -1\nM1 d g 0 b nm W=2u L=1u\n"
                + ".model nm NMOS(VTO=0.7 KP=50u GAMMA=0.5 PHI=0.6)\n.op\n");
        double vth = 0.7 + 0.5 * (Math.sqrt(1.6) - Math.sqrt(0.6));
        double beta = 50e-6 * 2;
        double expected = beta * 0.2 * (3 - vth - 0.1);
        double id = -w.vector("i(vd)")[0];
        assertEquals(expected, id, expected * 1e-5);
    }

    @Test
    void pmosMirrorsNmos() {
        Waveforms w = Netlists.run("p\nVs s 0 3\nVg g 0 1\nVd d 0 0\nM1 d g s s pm W=10u L=1u\n"
                + ".model pm PMOS(VTO=-0.7 KP=100u)\n.op\n");
        double id = w.vector("i(vd)")[0]; // current flows out of the drain into Vd's + terminal
        double expected = 0.5 * 100e-6 * 10 * 1.3 * 1.3;
        assertEquals(expected, id, expected * 1e-6);
    }

    @Test
    void cmosInverterTransferCurve() {
        Waveforms w = Netlists.run("inv\nVdd vdd 0 1.8\nVin in 0 0\nMP out in vdd vdd pm W=2u L=0.18u\n"
                + "MN out in 0 0 nm W=1u L=0.18u\n.model nm NMOS(VTO=0.45 KP=120u)\n.model pm PMOS(VTO=-0.45 KP=40u)\n"
                + ".dc Vin 0 1.8 0.05\n");
        double[] vin = w.scale();
        double[] out = w.vector("v(out)");
        assertEquals(1.8, out[0], 1e-3);
        assertEquals(0.0, out[out.length - 1], 1e-3);
        for (int i = 1; i < out.length; i++) {
            assertTrue(out[i] <= out[i - 1] + 1e-9, "monotone falling at vin=" + vin[i]);
        }
    }

    @Test
    void mosfetDrainJunctionCapacitanceIsTheDiodeDepletionCapacitance() {
        // CBD/CBS used to be accepted and ignored. With the gate off, the bulk-drain junction is a
        // reverse-biased diode (IS 1e-14, CJO = CBD, VJ = PB, M = MJ): the drain node must charge
        // exactly as the same node with that diode instead of the transistor
        String drive = "V1 in 0 PULSE(0 2 1n 1n 1n 20n 50n)\nR1 in dr 10k\n";
        Waveforms mos = Netlists.run("m\n" + drive + "M1 dr 0 0 0 nm\n"
                + ".model nm NMOS(LEVEL=1 VTO=1 CBD=1p PB=0.7 MJ=0.4)\n.tran 0.1n 40n\n");
        Waveforms diode = Netlists.run("d\n" + drive + "D1 0 dr dj\n"
                + ".model dj D(IS=1e-14 CJO=1p VJ=0.7 M=0.4)\n.tran 0.1n 40n\n");
        for (double t = 2e-9; t < 40e-9; t += 1e-9) {
            assertEquals(diode.interpolate("v(dr)", t), mos.interpolate("v(dr)", t), 2e-3, "v(dr) at " + t);
        }
        // and the capacitance matters: 10k into 1 pF does not follow the 1 ns edge
        assertTrue(mos.interpolate("v(dr)", 4e-9) < 1.0, "v(dr) at 4 ns: " + mos.interpolate("v(dr)", 4e-9));
    }

    @Test
    void junctionAreasAndPerimetersScaleCjAndCjsw() {
        // CJ*AD + CJSW*PD with MJ = MJSW is the same junction as CBD = their sum
        String drive = "V1 in 0 PULSE(0 2 1n 1n 1n 20n 50n)\nR1 in dr 10k\n";
        Waveforms areas = Netlists.run("a\n" + drive + "M1 dr 0 0 0 nm AD=800p PD=10u\n"
                + ".model nm NMOS(CJ=1m CJSW=20n MJ=0.5 MJSW=0.5 PB=0.8)\n.tran 0.1n 40n\n");
        Waveforms total = Netlists.run("t\n" + drive + "M1 dr 0 0 0 nm\n"
                + ".model nm NMOS(CBD=1p MJ=0.5 PB=0.8)\n.tran 0.1n 40n\n");
        for (double t = 2e-9; t < 40e-9; t += 1e-9) {
            assertEquals(total.interpolate("v(dr)", t), areas.interpolate("v(dr)", t), 2e-3, "v(dr) at " + t);
        }
    }

    @Test
    void level2WithoutItsCorrectionsIsTheSquareLaw() {
        // no NSUB, GAMMA, LAMBDA, UEXP, VMAX, NFS, DELTA: Grove-Frohman reduces to level 1, in
        // triode, saturation, cut-off and with source and drain swapped
        String sweep = "Vg g 0 0\nVd d 0 0\nM1 d g 0 0 nm W=6u L=2u\n.dc Vd -0.4 3 0.2 Vg 0 3 0.5\n";
        Waveforms one = Netlists.run("l1\n" + sweep + ".model nm NMOS(LEVEL=1 VTO=0.7 KP=80u)\n");
        Waveforms two = Netlists.run("l2\n" + sweep + ".model nm NMOS(LEVEL=2 VTO=0.7 KP=80u)\n");
        double[] a = one.vector("i(vd)");
        double[] b = two.vector("i(vd)");
        double peak = 0;
        for (double v : a) {
            peak = Math.max(peak, Math.abs(v));
        }
        assertTrue(peak > 1e-4 && peak < 1e-2, "the sweep reaches strong inversion, junctions stay off: " + peak);
        for (int k = 0; k < a.length; k++) {
            assertEquals(a[k], b[k], 1e-9 * peak + 1e-15, "point " + k);
        }
    }

    @Test
    void level2MobilityDegradationAndBodyEffectLowerTheCurrent() {
        String bias = "Vg g 0 3\nVd d 0 3\nVb b 0 -1\nM1 d g 0 b nm W=6u L=2u\n.op\n";
        double plain = -Netlists.run("p\n" + bias + ".model nm NMOS(LEVEL=2 VTO=0.7 KP=80u)\n").vector("i(vd)")[0];
        double body = -Netlists.run("b\n" + bias + ".model nm NMOS(LEVEL=2 VTO=0.7 KP=80u GAMMA=0.5)\n")
                .vector("i(vd)")[0];
        double degraded = -Netlists.run("u\n" + bias + ".model nm NMOS(LEVEL=2 VTO=0.7 KP=80u UCRIT=1e4 UEXP=0.2)\n")
                .vector("i(vd)")[0];
        // square law at Vgs - Vto = 2.3 V in saturation: 0.5 * 80u * 3 * 2.3^2
        assertEquals(0.5 * 80e-6 * 3 * 2.3 * 2.3, plain, 1e-9);
        assertTrue(body < 0.9 * plain, "body effect " + body + " vs " + plain);
        // above the critical field (UCRIT·εSi/Cox = 0.3 V of gate drive at TOX 0.1 µm) mobility
        // falls as (0.3/2.3)^0.2
        assertTrue(degraded < 0.75 * plain && degraded > 0.6 * plain, "degraded " + degraded + " vs " + plain);
    }

    @Test
    void aLevel2ParameterOnALevel1ModelIsNamed() {
        org.memspice.spice.netlist.NetlistException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.memspice.spice.netlist.NetlistException.class, () -> Netlists.circuit(
                        "m\nM1 d g 0 0 nm\n.model nm NMOS(VTO=0.7 UCRIT=1e4)\n.op\n"));
        assertTrue(e.getMessage().contains("UCRIT is a level-2 parameter"), e.getMessage());
    }

    @Test
    void gradingCoefficientsAboveOneAreTakenAndExactlyOneIsRefused() {
        // published level-2 models use MJ > 1; only MJ = 1 divides by zero
        String deck = "m\nV1 in 0 PULSE(0 2 1n 1n 1n 20n 50n)\nR1 in d 10k\nM1 d 0 0 0 nm AD=100p\n"
                + ".model nm NMOS(CJ=1m MJ=%s)\n.tran 0.1n 20n\n";
        assertTrue(Netlists.run(String.format(deck, "1.067")).rows() > 10);
        org.memspice.spice.netlist.NetlistException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.memspice.spice.netlist.NetlistException.class, () -> Netlists.run(String.format(deck, "1")));
        assertTrue(e.getMessage().contains("MJ and MJSW other than 1"), e.getMessage());
    }

    @Test
    void junctionLimitingFollowsNgspice() {
        double vt = 0.025;
        double vcrit = 0.6;
        // forward from forward bias: vold + vt·(2 + ln(Δ/vt − 2))
        assertEquals(0.7 + vt * (2 + Math.log(0.3 / vt - 2)), Junctions.pnjlim(1.0, 0.7, vt, vcrit), 1e-15);
        // forward from reverse bias: vt·ln(vnew/vt)
        assertEquals(vt * Math.log(2.0 / vt), Junctions.pnjlim(2.0, -0.1, vt, vcrit), 1e-15);
        // a large reverse step is limited too: to 2·vold − 1 from reverse bias, −vold − 1 from forward
        assertEquals(-1.4, Junctions.pnjlim(-30, -0.2, vt, vcrit), 1e-15);
        assertEquals(-1.5, Junctions.pnjlim(-30, 0.5, vt, vcrit), 1e-15);
        // small steps and steps below vcrit are left alone
        assertEquals(0.55, Junctions.pnjlim(0.55, 0.2, vt, vcrit), 0);
        assertEquals(-1.0, Junctions.pnjlim(-1.0, -0.3, vt, vcrit), 0);
    }

    @Test
    void unsupportedMosfetLevelIsNamed() {
        org.memspice.spice.netlist.NetlistException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.memspice.spice.netlist.NetlistException.class, () -> Netlists.circuit(
                        "m\nM1 d g 0 0 nm\n.model nm NMOS(LEVEL=3 UCRIT=1e4 THETA=0.1)\n.op\n"));
        assertTrue(e.getMessage().contains("MOSFET LEVEL=3") && e.getMessage().contains("not supported"),
                e.getMessage());
    }
}
