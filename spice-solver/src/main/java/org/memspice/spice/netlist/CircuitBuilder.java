package org.memspice.spice.netlist;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.memspice.spice.circuit.Analysis;
import org.memspice.spice.circuit.Circuit;
import org.memspice.spice.circuit.ModelCard;
import org.memspice.spice.element.Element;
import org.memspice.spice.element.ElementCard;
import org.memspice.spice.element.ElementFactory;
import org.memspice.spice.element.ElementRegistry;
import org.memspice.spice.expr.ExpressionException;
import org.memspice.spice.expr.ExpressionParser;

/**
 * Turns a netlist into a {@link Circuit}: evaluates parameters, flattens subcircuit instances
 * (element {@code x1.r1}, internal node {@code x1.n}), builds each element through the
 * {@link ElementRegistry}, and reads the control cards.
 */
public final class CircuitBuilder {
    private final ElementRegistry registry;

    public CircuitBuilder(ElementRegistry registry) {
        this.registry = registry;
    }

    /** Reads and builds the netlist file. */
    public Circuit build(Path file) {
        return build(new NetlistReader().read(file));
    }

    /** Builds netlist text (the first line is the title). */
    public Circuit build(String text, Path pretendFile) {
        return build(new NetlistReader().read(text, pretendFile));
    }

    public Circuit build(NetlistReader.Result netlist) {
        Deck deck = Deck.of(netlist);
        Circuit circuit = new Circuit(deck.title());
        // options and temperature first: parameters may use temper
        Scope top = new Scope(null, "", Map.of(), circuit.unknowns(), deck.subcircuits(), circuit.options().temp);
        for (SourceLine line : deck.controls()) {
            if (keyword(line).startsWith(".opt")) {
                options(circuit, line);
            } else if (keyword(line).equals(".temp")) {
                circuit.options().temp = number(top, line, Tokenizer.tokenize(line), 1, "temperature");
            }
        }
        top = new Scope(null, "", Map.of(), circuit.unknowns(), deck.subcircuits(), circuit.options().temp);
        expand(circuit, top, deck.body(), 0);
        for (SourceLine line : deck.controls()) {
            control(circuit, top, line);
        }
        return circuit;
    }

    private static String keyword(SourceLine line) {
        return line.keyword();
    }

    private void expand(Circuit circuit, Scope scope, List<SourceLine> body, int depth) {
        if (depth > 50) {
            throw new NetlistException(body.isEmpty() ? new SourceLine(null, 0, "") : body.get(0),
                    "subcircuits nested more than 50 deep (recursive subcircuit?)");
        }
        for (SourceLine line : body) {
            switch (keyword(line)) {
                case ".param":
                    params(scope, line);
                    break;
                case ".model":
                    model(scope, line);
                    break;
                case ".func":
                    function(scope, line);
                    break;
                default:
            }
        }
        for (SourceLine line : body) {
            String kw = keyword(line);
            if (kw.startsWith(".")) {
                if (!kw.equals(".param") && !kw.equals(".model") && !kw.equals(".func")) {
                    throw new NetlistException(line, "unknown control card '" + kw + "'");
                }
                continue;
            }
            List<Token> tokens = Tokenizer.tokenize(line);
            Token first = tokens.get(0);
            if (!first.is(Token.Kind.WORD)) {
                throw new NetlistException(line, first.column(), "expected an element name, found '" + first + "'");
            }
            if (first.text().toLowerCase(Locale.ROOT).startsWith("x")) {
                instance(circuit, scope, line, tokens, depth);
            } else {
                element(circuit, scope, line, tokens);
            }
        }
    }

    private void element(Circuit circuit, Scope scope, SourceLine line, List<Token> tokens) {
        Token first = tokens.get(0);
        ElementFactory factory = registry.byKeyword(first.text());
        int nameIndex = 0;
        if (factory != null) {
            nameIndex = 1;
            if (tokens.size() < 2 || !tokens.get(1).is(Token.Kind.WORD)) {
                throw new NetlistException(line, first.column(), "expected an instance name after " + first.text());
            }
        } else {
            factory = registry.byLetter(first.text());
            if (factory == null) {
                throw new NetlistException(line, first.column(), "unknown element type '" + first.text().charAt(0)
                        + "' in '" + first.text() + "' (known: " + registry.known() + ")");
            }
        }
        String name = scope.elementName(tokens.get(nameIndex).text().toLowerCase(Locale.ROOT));
        ElementCard card = new ElementCard(line, name, tokens.subList(nameIndex + 1, tokens.size()), scope);
        Element e;
        try {
            e = factory.create(card);
        } catch (IllegalArgumentException ex) {
            throw new NetlistException(line, name + ": " + ex.getMessage());
        }
        try {
            circuit.add(e, line);
        } catch (IllegalArgumentException ex) {
            throw new NetlistException(line, ex.getMessage());
        }
    }

    private void instance(Circuit circuit, Scope scope, SourceLine line, List<Token> tokens, int depth) {
        String name = tokens.get(0).text().toLowerCase(Locale.ROOT);
        int end = tokens.size();
        for (int i = 1; i < tokens.size(); i++) {
            if (tokens.get(i).is(Token.Kind.EQUALS) || tokens.get(i).isWord("params:")) {
                end = tokens.get(i).is(Token.Kind.EQUALS) ? i - 1 : i;
                break;
            }
        }
        if (end < 2) {
            throw new NetlistException(line, "expected X" + name.substring(1) + " node ... SUBCKT [param=value ...]");
        }
        Token subToken = tokens.get(end - 1);
        String subName = subToken.text().toLowerCase(Locale.ROOT);
        Deck.Subcircuit def = scope.subcircuit(subName);
        if (def == null) {
            throw new NetlistException(line, subToken.column(), "no .subckt named '" + subToken.text() + "'");
        }
        List<String> nodes = new ArrayList<>();
        for (int i = 1; i < end - 1; i++) {
            Token t = tokens.get(i);
            if (!t.is(Token.Kind.WORD)) {
                throw new NetlistException(line, t.column(), "expected a node name, found '" + t + "'");
            }
            nodes.add(t.text().toLowerCase(Locale.ROOT));
        }
        if (nodes.size() != def.ports().size()) {
            throw new NetlistException(line, name + ": subcircuit " + def.name() + " has " + def.ports().size()
                    + " ports, the instance connects " + nodes.size() + " nodes");
        }
        String fullName = scope.elementName(name);
        Map<String, String> ports = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            ports.put(def.ports().get(i), scope.nodeName(nodes.get(i)));
        }
        Scope inner = new Scope(scope, fullName + ".", ports, circuit.unknowns(), scope.subcircuits,
                circuit.options().temp);
        // defaults in the definition's scope, then overrides evaluated in the caller's scope
        Map<String, Token> overrides = new LinkedHashMap<>();
        int i = end;
        if (i < tokens.size() && tokens.get(i).isWord("params:")) {
            i++;
        }
        assignments(line, tokens.subList(i, tokens.size()), overrides);
        Map<String, Token> defaults = new LinkedHashMap<>();
        assignments(def.line(), def.defaults(), defaults);
        for (Map.Entry<String, Token> d : defaults.entrySet()) {
            if (!overrides.containsKey(d.getKey())) {
                inner.params.put(d.getKey(), evaluate(inner, def.line(), d.getValue()));
            }
        }
        for (Map.Entry<String, Token> o : overrides.entrySet()) {
            if (!defaults.containsKey(o.getKey())) {
                throw new NetlistException(line, o.getValue().column(), "subcircuit " + def.name()
                        + " has no parameter '" + o.getKey() + "'");
            }
            inner.params.put(o.getKey(), evaluate(scope, line, o.getValue()));
        }
        expand(circuit, inner, def.body(), depth + 1);
    }

    /** Reads {@code name=value} pairs into {@code out}. */
    private static void assignments(SourceLine line, List<Token> tokens, Map<String, Token> out) {
        for (int i = 0; i < tokens.size(); i += 3) {
            Token key = tokens.get(i);
            if (!key.is(Token.Kind.WORD) || i + 2 >= tokens.size() || !tokens.get(i + 1).is(Token.Kind.EQUALS)) {
                throw new NetlistException(line, key.column(), "expected name=value, found '" + key + "'");
            }
            out.put(key.text().toLowerCase(Locale.ROOT), tokens.get(i + 2));
        }
    }

    private static double evaluate(Scope scope, SourceLine line, Token value) {
        if (value.is(Token.Kind.WORD)) {
            double v = SpiceNumber.parse(value.text());
            if (!Double.isNaN(v)) {
                return v;
            }
        }
        try {
            return ExpressionParser.evaluate(value.text(), scope);
        } catch (ExpressionException e) {
            int col = value.column() + (value.is(Token.Kind.EXPRESSION) ? 1 : 0) + e.column();
            throw new NetlistException(line, col, e.getMessage());
        }
    }

    private static void params(Scope scope, SourceLine line) {
        // .param a=1 b={a*2} c = 3*a  — a bare expression runs to the next name= pair
        String text = line.text().substring(line.text().indexOf(' ') < 0 ? line.text().length() : line.text().indexOf(' '));
        int offset = line.text().length() - text.length();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([A-Za-z_][\\w.]*)\\s*=(?!=)").matcher(text);
        List<int[]> starts = new ArrayList<>();
        while (m.find()) {
            if (m.start() > 0 && "<>!=".indexOf(text.charAt(m.start() - 1)) >= 0) {
                continue;
            }
            starts.add(new int[] {m.start(), m.end()});
        }
        if (starts.isEmpty()) {
            throw new NetlistException(line, "expected .param name=value ...");
        }
        for (int k = 0; k < starts.size(); k++) {
            int[] s = starts.get(k);
            String name = text.substring(s[0], text.indexOf('=', s[0])).trim().toLowerCase(Locale.ROOT);
            int valueEnd = k + 1 < starts.size() ? starts.get(k + 1)[0] : text.length();
            String expr = text.substring(s[1], valueEnd).trim();
            if (expr.isEmpty()) {
                throw new NetlistException(line, offset + s[1], "parameter '" + name + "' has no value");
            }
            if (expr.startsWith("'") && expr.endsWith("'") && expr.length() >= 2) {
                expr = expr.substring(1, expr.length() - 1);
            }
            try {
                scope.params.put(name, ExpressionParser.evaluate(expr, scope));
            } catch (ExpressionException e) {
                throw new NetlistException(line, offset + s[1] + e.column(), e.getMessage() + " in .param " + name);
            }
        }
    }

    private static void model(Scope scope, SourceLine line) {
        List<Token> t = Tokenizer.tokenize(line);
        if (t.size() < 3 || !t.get(1).is(Token.Kind.WORD) || !t.get(2).is(Token.Kind.WORD)) {
            throw new NetlistException(line, "expected .model NAME TYPE (param=value ...)");
        }
        String name = t.get(1).text().toLowerCase(Locale.ROOT);
        String type = t.get(2).text().toLowerCase(Locale.ROOT);
        List<Token> rest = new ArrayList<>();
        for (Token tok : t.subList(3, t.size())) {
            if (!tok.is(Token.Kind.LPAREN) && !tok.is(Token.Kind.RPAREN) && !tok.is(Token.Kind.COMMA)) {
                rest.add(tok);
            }
        }
        Map<String, Token> raw = new LinkedHashMap<>();
        assignments(line, rest, raw);
        Map<String, Double> params = new LinkedHashMap<>();
        Map<String, String> words = new LinkedHashMap<>();
        for (Map.Entry<String, Token> e : raw.entrySet()) {
            Token v = e.getValue();
            boolean isName = v.is(Token.Kind.WORD) && Character.isLetter(v.text().charAt(0))
                    && scope.identifier(v.text().toLowerCase(Locale.ROOT)) == null;
            if (isName) {
                words.put(e.getKey(), v.text().toLowerCase(Locale.ROOT)); // model=yakopcic
            } else {
                params.put(e.getKey(), evaluate(scope, line, v));
            }
        }
        if (scope.models.put(name, new ModelCard(name, type, params, words, line)) != null) {
            throw new NetlistException(line, "model " + name + " is defined twice");
        }
    }

    private static void function(Scope scope, SourceLine line) {
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("(?i)\\.func\\s+([A-Za-z_][\\w]*)\\s*\\(([^)]*)\\)\\s*=?\\s*(.+)").matcher(line.text());
        if (!m.matches()) {
            throw new NetlistException(line, "expected .func name(arg, ...) = {expression}");
        }
        List<String> args = new ArrayList<>();
        for (String a : m.group(2).split(",")) {
            if (!a.isBlank()) {
                args.add(a.trim().toLowerCase(Locale.ROOT));
            }
        }
        String body = m.group(3).trim();
        if (body.startsWith("{") && body.endsWith("}")) {
            body = body.substring(1, body.length() - 1);
        }
        String name = m.group(1).toLowerCase(Locale.ROOT);
        scope.functions.put(name, new org.memspice.spice.expr.UserFunction(name, args, body));
    }

    private static void options(Circuit circuit, SourceLine line) {
        List<Token> t = Tokenizer.tokenize(line);
        for (int i = 1; i < t.size(); i++) {
            Token key = t.get(i);
            if (!key.is(Token.Kind.WORD)) {
                throw new NetlistException(line, key.column(), "expected option name, found '" + key + "'");
            }
            String k = key.text().toLowerCase(Locale.ROOT);
            if (i + 1 < t.size() && t.get(i + 1).is(Token.Kind.EQUALS)) {
                if (i + 2 >= t.size()) {
                    throw new NetlistException(line, key.column(), "option " + k + " has no value");
                }
                Token v = t.get(i + 2);
                double num = SpiceNumber.parse(v.text());
                try {
                    if (!circuit.options().set(k, v.text(), num)) {
                        continue; // ngspice ignores options it does not use; so do we
                    }
                } catch (IllegalArgumentException e) {
                    throw new NetlistException(line, v.column(), e.getMessage());
                }
                if (Double.isNaN(num) && !k.equals("method")) {
                    throw new NetlistException(line, v.column(), "option " + k + " needs a number, got '" + v + "'");
                }
                i += 2;
            }
        }
    }

    private static double number(Scope scope, SourceLine line, List<Token> t, int i, String what) {
        if (i >= t.size()) {
            throw new NetlistException(line, "expected " + what + " but the line ends");
        }
        return evaluate(scope, line, t.get(i));
    }

    private void control(Circuit circuit, Scope scope, SourceLine line) {
        List<Token> t = Tokenizer.tokenize(line);
        String kw = keyword(line);
        switch (kw) {
            case ".op":
                circuit.analyses().add(new Analysis.Op());
                break;
            case ".tran": {
                List<Token> vals = new ArrayList<>();
                boolean uic = false;
                for (Token tok : t.subList(1, t.size())) {
                    if (tok.isWord("uic")) {
                        uic = true;
                    } else {
                        vals.add(tok);
                    }
                }
                if (vals.size() < 2) {
                    throw new NetlistException(line, "expected .tran tstep tstop [tstart [tmax]] [uic]");
                }
                double tstep = number(scope, line, vals, 0, "tstep");
                double tstop = number(scope, line, vals, 1, "tstop");
                double tstart = vals.size() > 2 ? number(scope, line, vals, 2, "tstart") : 0;
                double tmax = vals.size() > 3 ? number(scope, line, vals, 3, "tmax") : Double.NaN;
                if (!(tstep > 0) || !(tstop > 0) || tstart < 0 || tstart >= tstop) {
                    throw new NetlistException(line, "need tstep > 0, tstop > 0 and 0 <= tstart < tstop in .tran");
                }
                circuit.analyses().add(new Analysis.Tran(tstep, tstop, tstart, tmax, uic));
                break;
            }
            case ".dc": {
                List<Analysis.Sweep> sweeps = new ArrayList<>();
                int i = 1;
                while (i < t.size()) {
                    if (i + 3 >= t.size()) {
                        throw new NetlistException(line, "expected .dc SOURCE start stop step [SOURCE2 start2 stop2 step2]");
                    }
                    String src = scope.elementName(t.get(i).text().toLowerCase(Locale.ROOT));
                    double start = number(scope, line, t, i + 1, "start");
                    double stop = number(scope, line, t, i + 2, "stop");
                    double step = number(scope, line, t, i + 3, "step");
                    if (step == 0 || (stop - start) / step < 0) {
                        throw new NetlistException(line, t.get(i + 3).column(), "step " + step + " does not lead from "
                                + start + " to " + stop);
                    }
                    sweeps.add(new Analysis.Sweep(src, start, stop, step));
                    i += 4;
                }
                circuit.analyses().add(new Analysis.Dc(sweeps));
                break;
            }
            case ".ic":
            case ".nodeset":
                nodeValues(circuit, scope, line, t, kw.equals(".ic") ? circuit.initialConditions() : circuit.nodeSets());
                break;
            case ".print":
            case ".save":
            case ".probe":
            case ".plot":
                outputs(circuit, line, t);
                break;
            case ".options":
            case ".option":
            case ".opt":
                break; // read first
            case ".temp":
                break; // read first
            default:
                // .width, .four, .meas, .ac, .global: accepted and ignored
        }
    }

    private static void nodeValues(Circuit circuit, Scope scope, SourceLine line, List<Token> t, Map<Integer, Double> out) {
        int i = 1;
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
            out.put(u, evaluate(scope, line, t.get(i + 5)));
            i += 6;
        }
    }

    private static void outputs(Circuit circuit, SourceLine line, List<Token> t) {
        int i = 1;
        if (i < t.size() && t.get(i).is(Token.Kind.WORD)
                && List.of("tran", "dc", "op", "ac").contains(t.get(i).text().toLowerCase(Locale.ROOT))
                && !(i + 1 < t.size() && t.get(i + 1).is(Token.Kind.LPAREN))) {
            i++;
        }
        List<String> vectors = new ArrayList<>();
        String versus = null;
        while (i < t.size()) {
            Token k = t.get(i);
            if (k.isWord("all")) {
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
                throw new NetlistException(line, k.column(), "expected v(node), v(a,b) or i(source), found '" + k + "'");
            }
            StringBuilder sb = new StringBuilder(k.text().toLowerCase(Locale.ROOT)).append('(');
            int j = i + 2;
            while (j < t.size() && !t.get(j).is(Token.Kind.RPAREN)) {
                sb.append(t.get(j).text().toLowerCase(Locale.ROOT));
                j++;
            }
            if (j >= t.size()) {
                throw new NetlistException(line, k.column(), "missing ')' in output vector");
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
            if (!circuit.outputs().contains(v)) {
                circuit.outputs().add(v);
            }
            i = j + 1;
        }
        if (versus != null) {
            if (versus.isEmpty()) {
                throw new NetlistException(line, "expected a vector after vs");
            }
            circuit.plots().add(new org.memspice.spice.circuit.PlotRequest(vectors, versus));
        }
    }
}
