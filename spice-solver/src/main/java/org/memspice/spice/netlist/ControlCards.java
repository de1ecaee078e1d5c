package org.memspice.spice.netlist;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.memspice.spice.circuit.Analysis;
import org.memspice.spice.circuit.Circuit;
import org.memspice.spice.circuit.Limits;
import org.memspice.spice.circuit.PlotRequest;
import org.memspice.spice.element.Element;
import org.memspice.spice.element.IndependentSource;

/**
 * The control cards of a netlist, read after the circuit is built so that they can be checked
 * against it: analyses ({@code .op}, {@code .dc}, {@code .tran}), initial conditions and guesses
 * ({@code .ic}, {@code .nodeset}), output requests ({@code .print}, {@code .save}, {@code .probe},
 * {@code .plot}). Every number is checked finite and in range, every sweep and run bounded, and
 * analyses memspice does not have are reported as skipped.
 */
final class ControlCards {
    /** Analyses of ngspice that memspice does not do: a warning each, and the others still run. */
    private static final Map<String, String> SKIPPED = Map.of(".ac", "AC small-signal analysis", ".noise",
            "noise analysis", ".disto", "distortion analysis", ".tf", "transfer-function analysis", ".sens",
            "sensitivity analysis", ".pz", "pole-zero analysis", ".four", "Fourier analysis", ".sp",
            "S-parameter analysis", ".pss", "periodic steady-state analysis");

    /** The analysis keywords a .print/.plot line may start with. */
    private static final List<String> ANALYSES = List.of("tran", "dc", "op", "ac", "noise", "disto", "tf", "sens", "pz",
            "four", "sp");

    private final Circuit circuit;
    private final Scope scope;

    ControlCards(Circuit circuit, Scope scope) {
        this.circuit = circuit;
        this.scope = scope;
    }

    void read(SourceLine line) {
        List<Token> t = Tokenizer.tokenize(line);
        String kw = line.keyword();
        switch (kw) {
            case ".op":
                if (t.size() > 1) {
                    throw new NetlistException(line, t.get(1).column(), "unexpected '" + t.get(1) + "' after .op");
                }
                circuit.analyses().add(new Analysis.Op());
                break;
            case ".tran":
                tran(line, t);
                break;
            case ".dc":
                dc(line, t);
                break;
            case ".ic":
            case ".nodeset":
                nodeValues(line, t, kw.equals(".ic") ? circuit.initialConditions() : circuit.nodeSets());
                break;
            case ".print":
            case ".save":
            case ".probe":
            case ".plot":
                outputs(line, t);
                break;
            case ".options":
            case ".option":
            case ".opt":
            case ".temp":
                break; // read before the circuit (OptionCards)
            case ".width":
                break; // ngspice's listing width: no effect on any result
            case ".sens":
                circuit.sensitivities().add(SensCard.parse(line));
                break;
            case ".meas":
            case ".measure": {
                java.util.Set<String> earlier = new java.util.HashSet<>();
                circuit.measures().forEach(m -> earlier.add(m.name()));
                org.memspice.spice.measure.Measure m = MeasureCards.parse(line, scope, earlier);
                if (m == null) {
                    circuit.warn(line.location() + ": " + kw + " skipped: it measures an analysis memspice does not do");
                } else {
                    circuit.measures().add(m);
                }
                break;
            }
            default:
                String what = SKIPPED.get(kw);
                if (what == null) {
                    throw new NetlistException(line, "unknown control card '" + kw + "'");
                }
                circuit.warn(line.location() + ": " + kw + " skipped: memspice does not do " + what);
        }
    }

    private double number(SourceLine line, List<Token> t, int i, String what) {
        if (i >= t.size()) {
            throw new NetlistException(line, "expected " + what + " but the line ends");
        }
        double v = CircuitBuilder.evaluate(scope, line, t.get(i));
        if (!Double.isFinite(v)) {
            throw new NetlistException(line, t.get(i).column(), what + " must be a finite number, got " + v);
        }
        return v;
    }

    private void tran(SourceLine line, List<Token> t) {
        List<Token> vals = new ArrayList<>();
        boolean uic = false;
        for (Token tok : t.subList(1, t.size())) {
            if (tok.isWord("uic")) {
                uic = true;
            } else {
                vals.add(tok);
            }
        }
        if (vals.size() < 2 || vals.size() > 4) {
            throw new NetlistException(line, "expected .tran tstep tstop [tstart [tmax]] [uic]");
        }
        double tstep = number(line, vals, 0, "tstep");
        double tstop = number(line, vals, 1, "tstop");
        double tstart = vals.size() > 2 ? number(line, vals, 2, "tstart") : 0;
        double tmax = vals.size() > 3 ? number(line, vals, 3, "tmax") : Double.NaN;
        if (!(tstep > 0)) {
            throw new NetlistException(line, vals.get(0).column(), "tstep must be positive, got " + tstep);
        }
        if (!(tstop > 0)) {
            throw new NetlistException(line, vals.get(1).column(), "tstop must be positive, got " + tstop);
        }
        if (!(tstart >= 0 && tstart < tstop)) {
            throw new NetlistException(line, vals.get(2).column(), "tstart must satisfy 0 <= tstart < tstop ("
                    + tstop + "), got " + tstart);
        }
        if (vals.size() > 3 && !(tmax > 0)) {
            throw new NetlistException(line, vals.get(3).column(), "tmax must be positive, got " + tmax);
        }
        double longest = Double.isNaN(tmax) ? Math.min(tstep, (tstop - tstart) / 50) : Math.min(tmax, tstop - tstart);
        double steps = tstop / longest;
        if (steps > Limits.MAX_TIME_STEPS) {
            throw new NetlistException(line, String.format("tstop %.4g s in steps of at most %.4g s needs at least %.3g"
                    + " time points, more than memspice's limit of %.0e (check the units)", tstop, longest, steps,
                    (double) Limits.MAX_TIME_STEPS));
        }
        circuit.analyses().add(new Analysis.Tran(tstep, tstop, tstart, tmax, uic));
    }

    private void dc(SourceLine line, List<Token> t) {
        List<Analysis.Sweep> sweeps = new ArrayList<>();
        double points = 1;
        int i = 1;
        while (i < t.size()) {
            if (i + 3 >= t.size()) {
                throw new NetlistException(line, "expected .dc SOURCE start stop step [SOURCE2 start2 stop2 step2]"
                        + " (SOURCE a V or I source, or TEMP)");
            }
            Token srcToken = t.get(i);
            if (!srcToken.is(Token.Kind.WORD)) {
                throw new NetlistException(line, srcToken.column(), "expected a source name, found '" + srcToken + "'");
            }
            String local = srcToken.text().toLowerCase(Locale.ROOT);
            String src = local.equals(Analysis.Sweep.TEMPERATURE) ? local : scope.elementName(local);
            double start = number(line, t, i + 1, "start");
            double stop = number(line, t, i + 2, "stop");
            double step = number(line, t, i + 3, "step");
            if (!src.equals(Analysis.Sweep.TEMPERATURE)) {
                Element e = circuit.element(src);
                if (!(e instanceof IndependentSource)) {
                    throw new NetlistException(line, srcToken.column(), ".dc sweeps a V or I source or TEMP, but "
                            + srcToken.text() + (e == null ? " is not in the circuit" : " is not an independent source"));
                }
            } else if (!(Math.min(start, stop) > -273.15)) {
                throw new NetlistException(line, t.get(i + 1).column(), ".dc TEMP must stay above -273.15 C");
            }
            if (start != stop && (step == 0 || (stop - start) / step < 0)) {
                throw new NetlistException(line, t.get(i + 3).column(), "step " + step + " does not lead from " + start
                        + " to " + stop);
            }
            Analysis.Sweep sweep = new Analysis.Sweep(src, start, stop, step);
            long n = sweep.count();
            points *= n < 0 ? Double.POSITIVE_INFINITY : n;
            if (points > Limits.MAX_SWEEP_POINTS) {
                throw new NetlistException(line, t.get(i + 3).column(), String.format(".dc would compute %.3g points,"
                        + " more than memspice's limit of %,d (check the step)", points, Limits.MAX_SWEEP_POINTS));
            }
            sweeps.add(sweep);
            i += 4;
        }
        if (sweeps.isEmpty()) {
            throw new NetlistException(line, "expected .dc SOURCE start stop step");
        }
        circuit.analyses().add(new Analysis.Dc(sweeps));
    }

    private void nodeValues(SourceLine line, List<Token> t, Map<Integer, Double> out) {
        int i = 1;
        if (t.size() < 2) {
            throw new NetlistException(line, "expected " + line.keyword() + " V(node)=value ...");
        }
        while (i < t.size()) {
            // v ( node ) = value
            if (i + 5 >= t.size()) {
                throw new NetlistException(line, t.get(i).column(), "expected V(node)=value");
            }
            if (!t.get(i).isWord("v") || !t.get(i + 1).is(Token.Kind.LPAREN) || !t.get(i + 2).is(Token.Kind.WORD)
                    || !t.get(i + 3).is(Token.Kind.RPAREN) || !t.get(i + 4).is(Token.Kind.EQUALS)) {
                throw new NetlistException(line, t.get(i).column(), "expected V(node)=value, found '" + t.get(i) + "'");
            }
            String node = scope.nodeName(t.get(i + 2).text().toLowerCase(Locale.ROOT));
            int u = circuit.unknowns().findNode(node);
            if (u < 0) {
                throw new NetlistException(line, t.get(i + 2).column(), "no node named '" + t.get(i + 2).text() + "'");
            }
            double v = number(line, t, i + 5, "initial voltage of " + node);
            out.put(u, v);
            i += 6;
        }
    }

    private void outputs(SourceLine line, List<Token> t) {
        int i = 1;
        String analysis = null;
        if (i < t.size() && t.get(i).is(Token.Kind.WORD)
                && ANALYSES.contains(t.get(i).text().toLowerCase(Locale.ROOT))
                && !(i + 1 < t.size() && t.get(i + 1).is(Token.Kind.LPAREN))) {
            analysis = t.get(i).text().toLowerCase(Locale.ROOT);
            i++;
        }
        if (analysis != null && !List.of("tran", "dc", "op").contains(analysis)) {
            return; // the vectors of an analysis memspice skips (.print ac ...)
        }
        List<String> vectors = new ArrayList<>();
        String versus = null;
        while (i < t.size()) {
            Token k = t.get(i);
            if (k.is(Token.Kind.COMMA)) {
                i++; // .print tran i(v1), i(v2)
                continue;
            }
            if (k.isWord("all")) {
                i++;
                continue;
            }
            if (k.isWord("alli") && line.keyword().equals(".probe")) {
                circuit.requestAllCurrents();
                i++;
                continue;
            }
            if (k.isWord("vs") && line.keyword().equals(".plot")) {
                if (versus != null || vectors.isEmpty()) {
                    throw new NetlistException(line, k.column(), "expected .plot Y1 [Y2 ...] vs X");
                }
                versus = "";
                i++;
                continue;
            }
            if (!k.is(Token.Kind.WORD) || i + 1 >= t.size() || !t.get(i + 1).is(Token.Kind.LPAREN)) {
                throw new NetlistException(line, k.column(), "expected v(node), v(a,b) or i(source)"
                        + (line.keyword().equals(".probe") ? " (or alli)" : "") + ", found '" + k + "'");
            }
            String kind = k.text().toLowerCase(Locale.ROOT);
            if (!kind.equals("v") && !kind.equals("i") && !kind.equals("x")) {
                throw new NetlistException(line, k.column(), "memspice writes v(...), i(...) and x(device), not "
                        + k.text() + "(...)");
            }
            StringBuilder sb = new StringBuilder(kind).append('(');
            int j = i + 2;
            int names = 0;
            while (j < t.size() && !t.get(j).is(Token.Kind.RPAREN)) {
                Token a = t.get(j);
                if (a.is(Token.Kind.COMMA)) {
                    sb.append(',');
                } else if (a.is(Token.Kind.WORD)) {
                    String local = a.text().toLowerCase(Locale.ROOT);
                    sb.append(kind.equals("v") ? scope.nodeName(local) : scope.elementName(local));
                    names++;
                } else {
                    throw new NetlistException(line, a.column(), "expected a name inside " + k.text() + "(...), found '"
                            + a + "'");
                }
                j++;
            }
            if (j >= t.size()) {
                throw new NetlistException(line, k.column(), "missing ')' in output vector");
            }
            if (names == 0 || names > (kind.equals("v") ? 2 : 1)) {
                throw new NetlistException(line, k.column(), kind + "(...) takes " + (kind.equals("v") ? "one or two"
                        : "one") + " name(s)");
            }
            String v = sb.append(')').toString();
            if (versus != null) {
                if (!versus.isEmpty()) {
                    throw new NetlistException(line, k.column(), ".plot takes one vector after vs");
                }
                versus = v;
            } else {
                vectors.add(v);
            }
            circuit.addOutput(v, line, analysis);
            i = j + 1;
        }
        if (versus != null) {
            if (versus.isEmpty()) {
                throw new NetlistException(line, "expected a vector after vs");
            }
            circuit.plots().add(new PlotRequest(vectors, versus));
        }
    }
}
