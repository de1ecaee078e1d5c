package org.memspice.spice.netlist;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A netlist split into its parts, before flattening: the top-level body (elements, instances,
 * {@code .param}, {@code .model}, {@code .func}), the subcircuit definitions (each with the
 * definitions nested inside it, visible only there), the {@code .global} nodes, and the control
 * cards (analyses, options, initial conditions, output requests).
 */
public final class Deck {
    /**
     * A {@code .subckt} definition: ports, default parameters (as tokens), body lines, and the
     * subcircuits defined inside it.
     */
    public record Subcircuit(String name, List<String> ports, List<Token> defaults, List<SourceLine> body,
            Map<String, Subcircuit> nested, SourceLine line) {
    }

    private final String title;
    private final List<SourceLine> body;
    private final Map<String, Subcircuit> subcircuits = new LinkedHashMap<>();
    private final List<SourceLine> controls = new ArrayList<>();
    private final Set<String> globals = new LinkedHashSet<>();

    /** @param lines the netlist's line count: room for a body of them all, the usual case of a large netlist */
    private Deck(String title, int lines) {
        this.title = title;
        this.body = new ArrayList<>(lines);
    }

    public String title() {
        return title;
    }

    public List<SourceLine> body() {
        return body;
    }

    public Map<String, Subcircuit> subcircuits() {
        return subcircuits;
    }

    public List<SourceLine> controls() {
        return controls;
    }

    /** Node names declared {@code .global} (lower case): the same node inside every subcircuit. */
    public Set<String> globals() {
        return globals;
    }

    private static final List<String> CONTROL_CARDS = List.of(".op", ".dc", ".tran", ".ic", ".options", ".option",
            ".opt", ".print", ".save", ".probe", ".nodeset", ".temp", ".width", ".plot", ".ac", ".four", ".meas",
            ".measure", ".noise", ".disto", ".tf", ".sens", ".pz", ".sp", ".pss");

    /** Splits the logical lines of a netlist. */
    public static Deck of(NetlistReader.Result netlist) {
        Splitter splitter = new Splitter(new Deck(netlist.title(), netlist.lines().size()));
        for (SourceLine line : netlist.lines()) {
            splitter.line(line); // one call per line: compiled early, where a long loop body runs interpreted
        }
        return splitter.finish();
    }

    /** The state of {@link #of}: the subcircuit definitions open and whether a .control block is. */
    private static final class Splitter {
        private final Deck deck;
        private final Deque<Subcircuit> open = new ArrayDeque<>();
        private boolean inControl;
        private SourceLine controlStart;

        Splitter(Deck deck) {
            this.deck = deck;
        }

        void line(SourceLine line) {
            if (!inControl && !line.isDotCard()) {
                (open.isEmpty() ? deck.body : open.peek().body()).add(line); // an element or instance line
                return;
            }
            card(line);
        }

        private void card(SourceLine line) {
            String keyword = line.keyword();
            if (inControl) {
                if (keyword.equals(".endc")) {
                    inControl = false;
                }
                return; // ngspice control blocks are interactive scripts, not circuit
            }
            if (keyword.equals(".control")) {
                inControl = true;
                controlStart = line;
                return;
            }
            if (keyword.equals(".endc")) {
                throw new NetlistException(line, ".endc without .control");
            }
            if (keyword.equals(".subckt")) {
                Subcircuit def = definition(line);
                Map<String, Subcircuit> scope = open.isEmpty() ? deck.subcircuits : open.peek().nested();
                if (scope.containsKey(def.name())) {
                    throw new NetlistException(line, "subcircuit " + def.name() + " is defined twice");
                }
                scope.put(def.name(), def);
                open.push(def);
                return;
            }
            if (keyword.equals(".ends")) {
                if (open.isEmpty()) {
                    throw new NetlistException(line, ".ends without .subckt");
                }
                open.pop();
                return;
            }
            if (keyword.equals(".global")) {
                if (!open.isEmpty()) {
                    throw new NetlistException(line, ".global is not allowed inside .subckt " + open.peek().name());
                }
                List<Token> tokens = Tokenizer.tokenize(line);
                if (tokens.size() < 2) {
                    throw new NetlistException(line, "expected .global NODE ...");
                }
                for (Token t : tokens.subList(1, tokens.size())) {
                    if (!t.is(Token.Kind.WORD)) {
                        throw new NetlistException(line, t.column(), "expected a node name, found '" + t + "'");
                    }
                    deck.globals.add(t.text().toLowerCase(Locale.ROOT));
                }
                return;
            }
            if (CONTROL_CARDS.contains(keyword)) {
                if (!open.isEmpty() && !keyword.equals(".ic") && !keyword.equals(".nodeset")) {
                    throw new NetlistException(line, keyword + " is not allowed inside .subckt " + open.peek().name());
                }
                deck.controls.add(line);
                return;
            }
            (open.isEmpty() ? deck.body : open.peek().body()).add(line);
        }

        Deck finish() {
            if (!open.isEmpty()) {
                throw new NetlistException(open.peek().line(), ".subckt " + open.peek().name()
                        + " has no matching .ends");
            }
            if (inControl) {
                throw new NetlistException(controlStart, ".control has no matching .endc");
            }
            return deck;
        }
    }

    private static Subcircuit definition(SourceLine line) {
        List<Token> tokens = Tokenizer.tokenize(line);
        if (tokens.size() < 2 || !tokens.get(1).is(Token.Kind.WORD)) {
            throw new NetlistException(line, "expected .subckt NAME port ... [params]");
        }
        String name = tokens.get(1).text().toLowerCase(Locale.ROOT);
        List<String> ports = new ArrayList<>();
        int i = 2;
        while (i < tokens.size() && tokens.get(i).is(Token.Kind.WORD)
                && !(i + 1 < tokens.size() && tokens.get(i + 1).is(Token.Kind.EQUALS))
                && !tokens.get(i).text().equalsIgnoreCase("params:")) {
            String port = tokens.get(i).text().toLowerCase(Locale.ROOT);
            if (ports.contains(port)) {
                throw new NetlistException(line, tokens.get(i).column(), "port " + port + " is listed twice");
            }
            ports.add(port);
            i++;
        }
        if (i < tokens.size() && tokens.get(i).isWord("params:")) {
            i++;
        }
        return new Subcircuit(name, ports, tokens.subList(i, tokens.size()), new ArrayList<>(), new LinkedHashMap<>(),
                line);
    }
}
