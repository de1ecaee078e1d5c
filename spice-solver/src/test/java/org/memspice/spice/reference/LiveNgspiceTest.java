package org.memspice.spice.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.memspice.spice.Netlists;
import org.memspice.spice.output.WaveformReader;
import org.memspice.spice.output.Waveforms;

/**
 * Runs netlists beyond the committed references through ngspice and memspice in the same test
 * and compares them. Skips, saying why, where ngspice is not installed (.ci/run installs it).
 */
class LiveNgspiceTest {
    private static boolean available;

    @BeforeAll
    static void findNgspice() {
        available = ReferenceCase.ngspiceAvailable();
    }

    private static final String CMOS_CAPS = "cmos\nVdd vdd 0 3.3\nVin in 0 PULSE(0 3.3 10n 5n 5n 40n 100n)\n"
            + "Rg in g 2k\nM1 out g 0 0 nm W=4u L=1u AD=8p AS=8p PD=12u PS=12u\n"
            + "M2 out g vdd vdd pm W=8u L=1u AD=16p AS=16p PD=20u PS=20u\nRl out 0 100k\n"
            + ".model nm NMOS(LEVEL=1 VTO=0.6 KP=100u GAMMA=0.5 PHI=0.7 LAMBDA=0.05 TOX=10n CJ=0.5m MJ=0.45 CJSW=0.2n"
            + " MJSW=0.3 PB=0.75 CGSO=0.3n CGDO=0.3n CGBO=0.1n)\n"
            + ".model pm PMOS(LEVEL=1 VTO=-0.7 KP=40u GAMMA=0.6 PHI=0.7 LAMBDA=0.06 TOX=10n CBD=20f CBS=20f PB=0.8"
            + " CGSO=0.3n CGDO=0.3n)\n.tran 0.1n 100n\n";

    /** Level-2 model cards with every correction: short channel (XJ), narrow width (DELTA), mobility (UCRIT, UEXP), VMAX, NFS, NEFF. */
    private static final String LEVEL2 = ".model n2 NMOS(LEVEL=2 TOX=25n NSUB=1e16 VTO=0.65 KP=60u GAMMA=0.6 PHI=0.6 U0=900"
            + " UEXP=0.05 UCRIT=1.5e5 DELTA=0.4 VMAX=1.5e5 XJ=0.5u NFS=3e12 NEFF=3 NSS=2e10 CJ=0.3m MJ=0.9 CJSW=0.2n"
            + " MJSW=0.25 CGSO=0.3n CGDO=0.3n)\n"
            + ".model p2 PMOS(LEVEL=2 TOX=25n NSUB=5e16 VTO=-0.7 KP=25u GAMMA=0.6 PHI=0.55 U0=350 UEXP=0.09"
            + " UCRIT=6e5 VMAX=6e4 XJ=0.1u NFS=1e11 NEFF=0.7 LAMBDA=0.02 CJ=0.45m MJ=0.35 CJSW=0.2n MJSW=0.3"
            + " CGSO=0.3n CGDO=0.3n)\n";

    static List<Arguments> circuits() {
        return List.of(
            // the level-2 current: Grove-Frohman saturation, Baum's velocity saturation, channel-length
            // modulation from the depletion width, forward and reverse
            Arguments.of("level-2 NMOS output curve", "out\nVd d 0 0\nVg g 0 2.5\nVb b 0 -1\n"
                    + "M1 d g 0 b n2 W=8u L=1.5u\n" + LEVEL2 + ".dc Vd -0.4 5 0.02\n", "i(vd)", 0.001),
            // weak inversion below von (NFS) into strong inversion
            Arguments.of("level-2 PMOS gate sweep through weak inversion", "sub\nVd d 0 -2\nVg g 0 0\n"
                    + "M1 d g 0 0 p2 W=8u L=1.5u\n" + LEVEL2 + ".dc Vg -3 0.5 0.01\n", "i(vd)", 0.001),
            // junction and Meyer capacitances on the level-2 current
            Arguments.of("level-2 CMOS inverter", "inv\nVdd vdd 0 5\nVin in 0 PULSE(0 5 5n 2n 2n 20n 50n)\n"
                    + "Rg in g 1k\nM1 out g 0 0 n2 W=4u L=1.5u AD=8p AS=8p PD=12u PS=12u\n"
                    + "M2 out g vdd vdd p2 W=10u L=1.5u AD=20p AS=20p PD=24u PS=24u\nCl out 0 20f\n" + LEVEL2
                    + ".tran 0.1n 60n\n", "v(out)", 0.005),
            Arguments.of("diode clipper", "clip\nV1 in 0 SIN(0 3 10k)\nR1 in out 1k\nD1 out a dm\nV2 a 0 1\n"
                    + "D2 0 out dm\n.model dm D(IS=1e-15 N=1.2 RS=2 CJO=5p)\n.tran 0.5u 200u\n",
                    "v(out)", 0.01),
            Arguments.of("coupled inductors", "xfmr\nV1 in 0 PULSE(0 1 1u 0.1u 0.1u 20u 40u)\nR1 in p 10\n"
                    + "L1 p 0 100u\nL2 s 0 400u\nK1 L1 L2 0.95\nR2 s 0 1k\nC2 s 0 1n\n.tran 0.1u 100u\n",
                    "v(s)", 0.01),
            // the same Newton path as ngspice (the MOSFET's predictor extrapolates its voltages at each
            // time point) lands on ngspice's waveform to rounding, not just within tolerance
            Arguments.of("common-source amplifier", "cs\nVdd vdd 0 3.3\nVin in 0 SIN(1.2 0.2 100k)\n"
                    + "RD vdd out 10k\nM1 out in 0 0 nm W=5u L=1u\nCL out 0 1p\n"
                    + ".model nm NMOS(LEVEL=1 VTO=0.7 KP=110u LAMBDA=0.04 GAMMA=0.4 PHI=0.65 CGSO=0.2n CGDO=0.2n)\n"
                    + ".tran 20n 30u\n", "v(out)", 1e-6),
            // bulk junction capacitances (CJ with areas and perimeters, CBD/CBS), Meyer's gate
            // capacitances from TOX, and the overlaps
            Arguments.of("CMOS inverter with MOSFET capacitances", CMOS_CAPS, "v(out)", 0.005),
            // PHI, GAMMA and VTO from NSUB/NSS/TPG, KP from U0, and the temperature scaling from TNOM
            Arguments.of("CMOS inverter from process parameters at 85 C", CMOS_CAPS
                    .replace("VTO=0.6 KP=100u GAMMA=0.5 PHI=0.7", "NSUB=2e16 NSS=1e10 TPG=1 U0=450")
                    .replace("PB=0.8 CGSO", "PB=0.8 TNOM=35 CGSO").replace(".tran", ".temp 85\n.tran"), "v(out)", 0.005),
            Arguments.of("controlled sources", "ctl\nV1 a 0 PWL(0 0 10u 1 20u -1 30u 0)\nR1 a b 1k\nVs b c 0\n"
                    + "R2 c 0 1k\nE1 e 0 a 0 2\nRe e 0 1k\nG1 0 g a 0 1m\nRg g 0 2k\nF1 0 f Vs 3\nRf f 0 1k\n"
                    + "H1 h 0 Vs 500\nRh h 0 1k\nCf f 0 1n\n.tran 0.1u 30u\n", "v(f)", 0.001),
            Arguments.of("exp source into RC", "exp\nV1 a 0 EXP(0 1 1u 2u 10u 3u)\nR1 a b 1k\nC1 b 0 1n\n.tran 10n 20u\n",
                    "v(b)", 0.001),
            // ngspice's step control (order 1 and a tenth of the gap after a corner, no LTE check on the
            // first point) decides where the trapezoidal ringing of L di/dt lands after the pulse
            Arguments.of("current pulse into an inductor", "lpulse\nI1 0 a PULSE(0 1 0 1m 1m 3m 20m)\nL1 a 0 10m\n"
                    + "R1 a 0 1meg\n.tran 0.1m 10m\n", "v(a)", 0.01),
            // a zener reference (diode breakdown) and a power MOSFET inside a feedback loop, as in a
            // TL431 regulator: the operating point needs breakdown limiting to converge
            Arguments.of("zener-referenced regulator loop", "reg\nVin in 0 PULSE(8 14 1m 2m 2m 3m 10m)\n"
                    + "R1 in ref 2.2k\nDz 0 ref dz\nM1 in gate out 0 pwr\nRl out 0 50\nR2 out fb 10k\nR3 fb 0 10k\n"
                    + "G1 0 gate ref fb 0.05\nRg gate 0 100k\nCg gate 0 1n\nDc gate clamp dc\nVc clamp 0 20\n"
                    + ".model dz D(IS=1e-12 N=1.2 BV=5.1 IBV=5m CJO=20p TT=20n)\n.model dc D(IS=1e-14 BV=30 IBV=1m)\n"
                    + ".model pwr NMOS(LEVEL=1 VTO=2.5 KP=2 LAMBDA=0.01 RS=0.02 RD=0.02)\n.tran 10u 10m\n", "v(out)", 0.005),
            // IS from EG and XTI, VJ and CJO, and BV from TCV at 100 C; IBV (not times the area) sets the knee
            Arguments.of("diode with area, breakdown and temperature", "dt\nV1 a 0 0\nR1 a d 100\nD1 d 0 dm area=4\n"
                    + ".model dm D(IS=1e-14 N=1.1 EG=1.2 XTI=2.5 BV=6 IBV=1m NBV=1.5 TCV=2m CJO=1p)\n.temp 100\n"
                    + ".dc V1 -10 2 0.05\n", "v(d)", 0.005),
            Arguments.of("diode dc sweep", "dcs\nV1 a 0 0\nR1 a d 100\nD1 d 0 dm\n.model dm D(IS=1e-14 N=1.1 BV=6 IBV=1m)\n"
                    + ".dc V1 -10 2 0.1\n", "v(d)", 0.01));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("circuits")
    void matchesNgspice(String label, String netlist, String vector, double tolerance, @TempDir Path dir)
            throws Exception {
        assumeTrue(available, "ngspice is not on the PATH (apt-get install -y ngspice); live cross-check skipped,"
                + " the committed reference waveforms still run");
        Path cir = dir.resolve("c.cir");
        Path out = dir.resolve("out.txt");
        String control = ".control\nset wr_singlescale\nset wr_vecnames\noption numdgt=10\nrun\nwrdata " + out + " "
                + vector + "\n.endc\n.end\n";
        Files.writeString(cir, netlist + control);
        Process p = new ProcessBuilder("ngspice", "-b", cir.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("ngspice.log").toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "ngspice finished");
        assertTrue(Files.exists(out), "ngspice wrote " + out + "; log: " + Files.readString(dir.resolve("ngspice.log")));
        Waveforms ref = WaveformReader.read(out);
        Waveforms ours = Netlists.run(netlist);
        double err = ReferenceCase.relativeError(ref, ours, vector);
        assertTrue(err <= tolerance, label + ": worst difference " + err * 100 + " % of peak-to-peak, allowed "
                + tolerance * 100 + " %");
        assertEquals(ref.scale()[ref.rows() - 1], ours.scale()[ours.rows() - 1], 1e-12 + 1e-9 * Math.abs(ref.scale()[0]));
    }

    @org.junit.jupiter.api.Test
    void ngspiceLoadsOurRawFiles(@TempDir Path dir) throws Exception {
        assumeTrue(available, "ngspice is not on the PATH (apt-get install -y ngspice); raw-file check skipped");
        Waveforms ours = Netlists.run("rc\nV1 in 0 PULSE(0 1 0 1u 1u 49u 100u)\nR1 in out 1k\nC1 out 0 100n\n.tran 1u 300u\n");
        Path raw = dir.resolve("ours.raw");
        org.memspice.spice.output.RawWriter.write(ours, raw);
        Path cir = dir.resolve("load.cir");
        Files.writeString(cir, "load\n.control\nload " + raw + "\nprint v(out)[50] length(time)\n.endc\n.end\n");
        Process p = new ProcessBuilder("ngspice", "-b", cir.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "ngspice finished");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("v\\(out\\)\\[50\\] = (\\S+)").matcher(log);
        assertTrue(m.find(), "ngspice printed v(out)[50]: " + log);
        assertEquals(ours.vector("v(out)")[50], Double.parseDouble(m.group(1)), 1e-6 * Math.abs(ours.vector("v(out)")[50]));
        assertTrue(log.contains("length(time) = " + String.format(java.util.Locale.ROOT, "%.6e", (double) ours.rows())), log);
    }

    @org.junit.jupiter.api.Test
    void measurementsAgreeWithNgspice(@TempDir Path dir) throws Exception {
        assumeTrue(available, "ngspice is not on the PATH (apt-get install -y ngspice); .measure cross-check skipped");
        // AVG and INTEG are left out: ngspice integrates them to the first point past TO, memspice to TO
        String netlist = "meas\nV1 in 0 SIN(0 1 2k)\nR1 in out 1k\nC1 out 0 100n\n.tran 5u 2m\n"
                + ".measure tran rise TRIG v(out) VAL=0.2 RISE=1 TARG v(out) VAL=0.2 RISE=2\n"
                + ".measure tran cross WHEN v(out)=v(in) CROSS=2\n"
                + ".measure tran fnd FIND v(in) WHEN v(out)=0.3 FALL=1\n"
                + ".measure tran peak MAX v(out) FROM=0.5m TO=1.5m\n.measure tran trough MIN v(out) FROM=0.5m TO=1.5m\n"
                + ".measure tran swing PP v(out) FROM=0.5m TO=1.5m\n.measure tran eff RMS v(in) FROM=0.5m TO=1.5m\n"
                + ".measure tran rel PARAM='peak/eff'\n";
        Path cir = dir.resolve("m.cir");
        Files.writeString(cir, netlist + ".end\n");
        Process p = new ProcessBuilder("ngspice", "-b", cir.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "ngspice finished");
        java.util.Map<String, Double> ng = new java.util.HashMap<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^(\\w+)\\s+=\\s+(\\S+)").matcher(log);
        while (m.find()) {
            ng.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        var ours = Netlists.runAll(netlist).get(0).measures();
        assertEquals(8, ours.size());
        for (var r : ours) {
            assertTrue(ng.containsKey(r.name()), "ngspice printed " + r.name() + ": " + log);
            double want = ng.get(r.name());
            assertEquals(want, r.value(), 1e-4 * Math.abs(want), r.name());
        }
    }
}
