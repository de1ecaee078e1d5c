package org.memspice.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded fuzzing of {@code memspice sim}: a few hundred netlists made by mutating small valid
 * ones (numbers swapped for extremes, tokens and lines deleted, duplicated or swapped, stray
 * punctuation, hostile lines, bytes that are not UTF-8). Every run must end with exit 0, 2 or 3,
 * never an internal error or a stack trace, never hang, and every exit 2 must say where: the
 * file and line (or the option). A mutation can also ask for a legitimately long run (a stop
 * time of 1 s at 1 ns steps): a case still running after the timeout passes only if its progress
 * lines show it advancing, and it must stop when interrupted; one that prints no progress has
 * hung. The seed and the count are fixed, so a failure reproduces; set
 * {@code -Dmemspice.fuzz.cases=1500} (and {@code .seed}) for a longer campaign.
 */
class NetlistFuzzTest {
    private static final int CASES = Integer.getInteger("memspice.fuzz.cases", 300);
    private static final long SEED = Long.getLong("memspice.fuzz.seed", 20261202L);
    /** Generous: a case takes milliseconds; only a run that would never end reaches this. */
    private static final long TIMEOUT_SECONDS = 60;
    /** An exit-2 message names the netlist file, with the line (and column) when the fault has one, or an option. */
    /** A progress line of sim (ProgressReporter): the percentage done. */
    private static final Pattern PROGRESS = Pattern.compile("(?m)^(tran|dc): +([0-9.]+) % done");
    private static final Pattern LOCATED = Pattern.compile("^error: (\\S+\\.(cir|inc|lib)(:\\d+)*: |--)");

    private static ExecutorService runner;

    @BeforeAll
    static void start() {
        runner = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-case");
            t.setDaemon(true);
            return t;
        });
    }

    @AfterAll
    static void stop() {
        runner.shutdownNow();
    }

    private static final String[] SEEDS = {
        "rc pulse\nV1 in 0 PULSE(0 1 1u 10n 10n 2u 5u)\nR1 in out 1k\nC1 out 0 1n\n.tran 10n 10u\n.print tran v(out)\n",
        "diode clipper\nV1 a 0 SIN(0 3 10k)\nR1 a b 1k\nD1 b 0 dm\n.model dm D(IS=1e-14 N=1.5 CJO=2p BV=5)\n"
            + ".tran 1u 200u\n.measure tran top MAX v(b)\n",
        "inverter sweep\nVdd vdd 0 1.8\nVin in 0 0\nMp out in vdd vdd pm W=2u L=1u\nMn out in 0 0 nm W=1u L=1u\n"
            + ".model nm NMOS(VTO=0.45 KP=120u CBD=1f)\n.model pm PMOS(VTO=-0.45 KP=40u)\n.dc Vin 0 1.8 0.1\n",
        "behavioural\n.param g=2m\n.func sq(x) {x*x}\nV1 a 0 2\nB1 b 0 V={sq(v(a))*g + ln(v(a))}\nR1 b 0 1k\n"
            + "E1 c 0 value={v(b)/v(a)}\nR2 c 0 1k\n.op\n",
        "subcircuits\nV1 in 0 1\nX1 in mid half r=2k\nX2 mid 0 half\n.subckt half a b r=1k\nR1 a b {r}\nC1 a b 1p\n"
            + ".ends\n.options reltol=1e-4\n.tran 1n 100n\n",
        "rlc and sources\nI1 0 a PWL(0 0 1u 1m 2u 0) r=0\nL1 a b 10u\nR1 b 0 10\nC1 a 0 1n IC=0.5\nVs s 0 EXP(0 1 1u 2u)\n"
            + "G1 0 s2 s 0 1m\nR2 s2 0 1k\nF1 0 f Vs 2\nR3 f 0 1k\n.ic v(a)=0.1\n.tran 0.1u 10u 0 0.05u\n",
        "measure dc\nV1 a 0 0\nR1 a b 1k\nR2 b 0 3k\n.dc V1 0 4 0.5\n.meas dc vin WHEN v(b)=1.5\n.print dc v(b) v(a,b)\n",
    };

    private static final String[] NUMBERS = {"0", "-1", "1e999", "-1e999", "1e-300", "1e300", "{1/0}", "{0/0}", "nan",
        "inf", "1e9", "1meg", "-0", "1x", "{}", "'", "2.e-4.1", "1e", ".", "+", "1f", "1e-20", "{ln(-1)}", "{sqrt(-2)}"};

    private static final String[] HOSTILE_LINES = {
        ".func f(x) {f(x)+1}\nB9 z9 0 V={f(1)}\nR9 z9 0 1",
        ".param p={1/0}",
        ".options reltol=-1",
        ".options gmin=-1 abstol=0",
        ".temp -300",
        ".tran 1 1e999",
        ".dc V1 0 1 1e-12",
        "Vbad zz 0 PULSE(0 1 0 1f 1f 1f 2f)\nRz zz 0 1",
        "Q1 a b c qm",
        ".include nosuch.inc",
        ".lib nosuch.lib tt",
        ".subckt self p\nXs p self\n.ends\nXself a self",
        ".global",
        ".endl",
        ".ends",
        ".control",
        "B9 z9 0 V=" + "(".repeat(700) + "1" + ")".repeat(700) + "\nR9 z9 0 1",
        "R9 z9 0 {" + "-".repeat(20000) + "1}",
        ".measure tran m WHEN v(a)=",
        ".print tran v(nonode)",
        ".ic v(a)=1e999",
        "C9 z9 0 1u IC=1e999\nR9 z9 0 1",
        ".model dbad D(IS=-1)\nD9 z9 0 dbad\nR9 z9 0 1",
        ".model n49 NMOS(LEVEL=49)\nM9 z9 z9 0 0 n49\nR9 z9 0 1",
        "Cfl fl1 fl2 1n",
        "Vloop lp 0 1\nVloop2 lp 0 2",
        ".options itl1=0.5 maxord=7",
        ".meas tran x SUM v(a)",
        "E9 z9 0 value={v(nonode)}",
        "K1 L1 L2 2",
        ".func a(b,c) {b+c}\n.func d(x) {a(x,x)+a(x,x)}\n.func e(x) {d(d(d(d(d(d(d(d(d(d(x))))))))))}\n"
            + ".func g(x) {e(e(e(x)))}\nB9 z9 0 V={g(v(a))}\nR9 z9 0 1",
        ".subckt l0 p\nXa p l1\nXb p l1\n.ends\n.subckt l1 p\nXa p l2\nXb p l2\n.ends\n.subckt l2 p\nR1 p 0 1\n.ends\n"
            + "Xtop a l0",
    };

    private record Outcome(int code, String err) {
    }

    /** Runs sim with progress lines on, which go to {@code e} (a StringWriter is safe to read while written). */
    private static Outcome simulate(Path net, Path out, StringWriter e) {
        StringWriter o = new StringWriter();
        int code = MemspiceCommand.execute(new String[] {"sim", net.toString(), "-o", out.toString()},
                new PrintWriter(o, true), new PrintWriter(e, true));
        return new Outcome(code, e.toString().replaceAll(PROGRESS.pattern() + ".*\\R", ""));
    }

    /** The percentages of the progress lines printed so far. */
    private static List<Double> progress(StringWriter e) {
        List<Double> done = new ArrayList<>();
        Matcher m = PROGRESS.matcher(e.toString());
        while (m.find()) {
            done.add(Double.parseDouble(m.group(2)));
        }
        return done;
    }

    /** One mutation of the netlist's lines (the title, line 0, stays). */
    private static void mutate(List<String> lines, SplittableRandom r) {
        int pick = 1 + r.nextInt(Math.max(1, lines.size() - 1));
        if (pick >= lines.size()) {
            pick = lines.size() - 1;
        }
        String line = lines.get(pick);
        switch (r.nextInt(10)) {
            case 0: { // a number becomes an extreme value
                Matcher m = Pattern.compile("(?<![A-Za-z_(])[-+]?\\d+(\\.\\d*)?(e[-+]?\\d+)?[a-z]*").matcher(line);
                List<int[]> spans = new ArrayList<>();
                while (m.find()) {
                    spans.add(new int[] {m.start(), m.end()});
                }
                if (!spans.isEmpty()) {
                    int[] s = spans.get(r.nextInt(spans.size()));
                    lines.set(pick, line.substring(0, s[0]) + NUMBERS[r.nextInt(NUMBERS.length)] + line.substring(s[1]));
                }
                break;
            }
            case 1: { // delete a token
                String[] t = line.split(" ");
                if (t.length > 1) {
                    int k = r.nextInt(t.length);
                    List<String> rest = new ArrayList<>(Arrays.asList(t));
                    rest.remove(k);
                    lines.set(pick, String.join(" ", rest));
                }
                break;
            }
            case 2:
                lines.add(pick, line);
                break;
            case 3:
                if (lines.size() > 2) {
                    lines.remove(pick);
                }
                break;
            case 4: {
                int other = 1 + r.nextInt(lines.size() - 1);
                lines.set(pick, lines.get(other));
                lines.set(other, line);
                break;
            }
            case 5: {
                String punct = "{}()='\",+*;$!?:".charAt(r.nextInt(15)) + "";
                int at = r.nextInt(line.length() + 1);
                lines.set(pick, line.substring(0, at) + punct + line.substring(at));
                break;
            }
            case 6:
                lines.set(pick, line.substring(0, r.nextInt(line.length() + 1)));
                break;
            case 7: {
                String[] t = line.split(" ");
                if (t.length > 2) {
                    String[] names = {"0", "gnd", "x1.a", "nonode", "a", "b", "in", "out", "=", "v(a)"};
                    t[1 + r.nextInt(t.length - 1)] = names[r.nextInt(names.length)];
                    lines.set(pick, String.join(" ", t));
                }
                break;
            }
            case 8:
                lines.add(pick, HOSTILE_LINES[r.nextInt(HOSTILE_LINES.length)]);
                break;
            default:
                if (!line.isEmpty() && !line.startsWith(".")) {
                    lines.set(pick, "abcdefghijklmnopqrstuvwxyz".charAt(r.nextInt(26)) + line.substring(1));
                }
        }
    }

    /** Waits until the runner thread has really ended the cancelled case (cancel only interrupts it). */
    private static void awaitIdle(String failure) throws Exception {
        Future<?> probe = runner.submit(() -> { });
        try {
            probe.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            fail(failure);
        }
    }

    @Test
    void mutatedNetlistsEndCleanlyWithALocatedMessage(@TempDir Path dir) throws Exception {
        SplittableRandom random = new SplittableRandom(SEED);
        int[] codes = new int[4];
        for (int k = 0; k < CASES; k++) {
            List<String> lines = new ArrayList<>(Arrays.asList(SEEDS[random.nextInt(SEEDS.length)].split("\n")));
            int mutations = 1 + random.nextInt(3);
            for (int m = 0; m < mutations; m++) {
                mutate(lines, random);
            }
            byte[] bytes = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
            if (random.nextInt(25) == 0) {
                // a byte that is not UTF-8 (a Latin-1 micro sign, or 0xFF) somewhere after the title
                int at = Math.min(bytes.length - 1, String.join("\n", lines.subList(0, 1)).length() + 1
                        + random.nextInt(Math.max(1, bytes.length / 2)));
                bytes[at] = (byte) (random.nextBoolean() ? 0xB5 : 0xFF);
            }
            Path net = dir.resolve("case" + k + ".cir");
            Files.write(net, bytes);
            Path out = dir.resolve("case" + k + ".csv");
            StringWriter err = new StringWriter();
            Future<Outcome> f = runner.submit(() -> simulate(net, out, err));
            Outcome o;
            try {
                o = f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                List<Double> done = progress(err);
                f.cancel(true);
                String what = "case " + k + " (seed " + SEED + ") did not finish in " + TIMEOUT_SECONDS + " s";
                String netlist = new String(bytes, StandardCharsets.ISO_8859_1);
                assertTrue(done.size() >= 2 && done.get(done.size() - 1) > done.get(0),
                        what + " and its progress did not advance " + done + ": a hang\n" + netlist);
                awaitIdle(what + " and did not stop when interrupted:\n" + netlist);
                codes[1]++; // a long run, stopped: counted apart
                continue;
            }
            String where = "case " + k + " (seed " + SEED + "), exit " + o.code() + ":\n" + o.err() + "\nnetlist:\n"
                    + new String(bytes, StandardCharsets.ISO_8859_1);
            assertTrue(o.code() == 0 || o.code() == 2 || o.code() == 3, "exit 0, 2 or 3 only: " + where);
            assertFalse(o.err().contains("\tat ") || o.err().contains("internal error")
                    || o.err().contains("Exception"), "no stack trace: " + where);
            if (o.code() == 2) {
                assertTrue(LOCATED.matcher(o.err()).find(), "an input error says where: " + where);
            }
            if (o.code() != 0) {
                assertTrue(o.err().startsWith("error: ") && o.err().length() > 20, "a message: " + where);
            }
            codes[o.code()]++;
        }
        System.out.printf("fuzz: %d netlists (seed %d): exit 0 %d, exit 2 %d, exit 3 %d, long runs stopped %d%n", CASES,
                SEED, codes[0], codes[2], codes[3], codes[1]);
        // the mutations must exercise every outcome, or the campaign tests nothing
        assertTrue(codes[0] > CASES / 20 && codes[2] > CASES / 5, "exit 0: " + codes[0] + ", exit 2: " + codes[2]
                + ", exit 3: " + codes[3] + ", long runs stopped: " + codes[1]);
    }
}
