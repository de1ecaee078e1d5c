package org.memspice.spice.netlist;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.memspice.spice.circuit.Circuit;
import org.memspice.spice.circuit.Limits;
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

    private final Map<String, Double> overrides = new java.util.HashMap<>();

    /**
     * Builds with the top-level {@code .param name} set to {@code value} whatever the netlist
     * gives it (parameters that depend on it follow); for sensitivities with respect to a .param.
     */
    public CircuitBuilder overrideParameter(String name, double value) {
        overrides.put(name.toLowerCase(Locale.ROOT), value);
        return this;
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
        OptionCards.read(circuit, deck.controls());
        long elements = ExpansionSize.check(deck);
        circuit.reserve((int) Math.min(elements, Limits.MAX_ELEMENTS));
        Scope top = new Scope(null, "", Map.of(), circuit.unknowns(), deck.subcircuits(), circuit.options().temp,
                deck.globals());
        top.overrides = overrides.isEmpty() ? null : overrides;
        expand(circuit, top, deck.body(), 0);
        circuit.parameters().putAll(top.params);
        if (circuit.unknowns().size() == 0) {
            SourceLine where = deck.body().isEmpty() ? new SourceLine(netlist.file(), 1, deck.title()) : deck.body().get(0);
            throw new NetlistException(where, "the circuit has no node besides ground: nothing to simulate");
        }
        ControlCards controls = new ControlCards(circuit, top);
        for (SourceLine line : deck.controls()) {
            controls.read(line);
        }
        return circuit;
    }

    /** SPICE elements memspice does not have, so that the message names what the line is. */
    private static final Map<Character, String> SPICE_ELEMENTS = Map.of('Q', "bipolar transistors", 'J', "JFETs",
            'Z', "MESFETs", 'T', "lossless transmission lines", 'O', "lossy transmission lines", 'U',
            "uniform RC lines", 'S', "voltage-controlled switches", 'W', "current-controlled switches", 'A',
            "XSPICE code models", 'P', "coupled multiconductor lines");

    private static final java.util.Set<String> BODY_CARDS = java.util.Set.of(".param", ".csparam", ".model", ".func");

    private static String keyword(SourceLine line) {
        return line.keyword();
    }

    private void expand(Circuit circuit, Scope scope, List<SourceLine> body, int depth) {
        if (depth > Limits.MAX_SUBCIRCUIT_DEPTH) {
            throw new NetlistException(body.isEmpty() ? new SourceLine(null, 0, "") : body.get(0),
                    "subcircuits nested more than " + Limits.MAX_SUBCIRCUIT_DEPTH + " deep");
        }
        for (SourceLine line : body) {
            if (!line.isDotCard()) {
                continue;
            }
            switch (keyword(line)) {
                case ".param":
                case ".csparam": // a .param that ngspice also copies to its control language
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
            if (line.isDotCard()) {
                String kw = keyword(line);
                if (!BODY_CARDS.contains(kw)) {
                    throw new NetlistException(line, "unknown control card '" + kw + "'");
                }
                continue;
            }
            // one call per line: compiled after a few hundred lines, where a long loop body would
            // run interpreted until on-stack replacement
            build(circuit, scope, line, depth);
        }
    }

    /**
     * The tokens of the line being built, reused from line to line: an element's are read only
     * while it is made (an instance's are made into tokens before its body is expanded).
     */
    private final TokenSpans spans = new TokenSpans();
    /** Where {@link #lowerCase} makes a name. */
    private final StringBuilder scratch = new StringBuilder();

    /** Builds one element or instance line. */
    private void build(Circuit circuit, Scope scope, SourceLine line, int depth) {
        Tokenizer.scan(line, spans);
        if (spans.kind(0) != Token.Kind.WORD) {
            Token first = spans.token(0);
            throw new NetlistException(line, first.column(), "expected an element name, found '" + first + "'");
        }
        if (Character.toLowerCase(spans.text().charAt(spans.start(0))) == 'x') {
            instance(circuit, scope, line, spans.tokens(), depth);
        } else {
            element(circuit, scope, line, spans);
        }
    }

    /** Builds an element line: tokens are made into objects only where its factory asks (see {@link ElementCard}). */
    private void element(Circuit circuit, Scope scope, SourceLine line, TokenSpans spans) {
        if (circuit.elements().size() >= Limits.MAX_ELEMENTS) {
            throw new NetlistException(line, String.format(Locale.ROOT, "the circuit passes memspice's limit of %,d"
                    + " elements (%s)", Limits.MAX_ELEMENTS, Limits.elementLimitReason()));
        }
        ElementFactory factory = registry.byKeyword(spans.text(), spans.start(0), spans.end(0));
        int nameIndex = 0;
        if (factory != null) {
            nameIndex = 1;
            if (spans.size() < 2 || spans.kind(1) != Token.Kind.WORD) {
                throw new NetlistException(line, spans.column(0), "expected an instance name after "
                        + spans.string(0));
            }
        } else {
            factory = registry.byLetter(spans.text(), spans.start(0));
            if (factory == null) {
                String first = spans.string(0);
                char letter = Character.toUpperCase(first.charAt(0));
                String known = SPICE_ELEMENTS.get(letter);
                throw new NetlistException(line, spans.column(0), (known != null ? known + " (" + letter
                        + ") are not supported by memspice" : "unknown element type '" + first.charAt(0)
                        + "' in '" + first + "'") + " (memspice has: " + registry.known() + ")");
            }
        }
        String name = scope.elementName(lowerCase(spans, nameIndex));
        ElementCard card = new ElementCard(line, name, spans, nameIndex + 1, scope);
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

    /**
     * Token k lower-cased as {@code toLowerCase(Locale.ROOT)} does: an ASCII word is lower-cased
     * in {@link #scratch} (one new string, where substring and toLowerCase make two).
     */
    private String lowerCase(TokenSpans spans, int k) {
        String text = spans.text();
        scratch.setLength(0);
        for (int i = spans.start(k); i < spans.end(k); i++) {
            char c = text.charAt(i);
            if (c >= 128) {
                return spans.string(k).toLowerCase(Locale.ROOT); // beyond ASCII, case mapping is not per character
            }
            scratch.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        return scratch.toString();
    }

    /**
     * Index just past the subcircuit name of an X line: before {@code params:} or the first
     * {@code name=value} pair, else the end of the line.
     */
    static int instanceEnd(List<Token> tokens) {
        for (int i = 1; i < tokens.size(); i++) {
            if (tokens.get(i).is(Token.Kind.EQUALS) || tokens.get(i).isWord("params:")) {
                return tokens.get(i).is(Token.Kind.EQUALS) ? i - 1 : i;
            }
        }
        return tokens.size();
    }

    private void instance(Circuit circuit, Scope scope, SourceLine line, List<Token> tokens, int depth) {
        String name = tokens.get(0).text().toLowerCase(Locale.ROOT);
        int end = instanceEnd(tokens);
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
        Scope inner = new Scope(scope, fullName + ".", ports, circuit.unknowns(), def.nested(),
                circuit.options().temp, scope.globals());
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

    static double evaluate(Scope scope, SourceLine line, Token value) {
        if (value.is(Token.Kind.WORD)) {
            double v = SpiceNumber.parse(value.text());
            if (!Double.isNaN(v)) {
                return v;
            }
        } else if (!value.is(Token.Kind.EXPRESSION)) {
            throw new NetlistException(line, value.column(), "expected a value, found '" + value + "'");
        }
        try {
            double v = ExpressionParser.evaluate(value.text(), scope);
            if (!Double.isFinite(v)) {
                throw new NetlistException(line, value.column(), "'" + value.text() + "' is not a finite number ("
                        + v + ")");
            }
            return v;
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
            int exprStart = s[1];
            while (Character.isWhitespace(text.charAt(exprStart))) {
                exprStart++;
            }
            if (expr.length() >= 2 && (expr.startsWith("'") && expr.endsWith("'")
                    || expr.startsWith("{") && expr.endsWith("}"))) {
                expr = expr.substring(1, expr.length() - 1);
                exprStart++;
            }
            double value;
            try {
                value = ExpressionParser.evaluate(expr, scope);
            } catch (ExpressionException e) {
                throw new NetlistException(line, offset + exprStart + e.column(), e.getMessage() + " in .param " + name);
            }
            if (!Double.isFinite(value)) {
                throw new NetlistException(line, offset + exprStart, ".param " + name + " = " + expr
                        + " is not a finite number (" + value + ")");
            }
            if (scope.overrides != null && scope.overrides.containsKey(name)) {
                value = scope.overrides.get(name);
            }
            scope.params.put(name, value);
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
        if (body.length() >= 2 && (body.startsWith("{") && body.endsWith("}")
                || body.startsWith("'") && body.endsWith("'"))) {
            body = body.substring(1, body.length() - 1);
        }
        String name = m.group(1).toLowerCase(Locale.ROOT);
        scope.functions.put(name, new org.memspice.spice.expr.UserFunction(name, args, body));
    }
}
