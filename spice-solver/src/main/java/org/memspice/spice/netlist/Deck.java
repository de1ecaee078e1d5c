package org.memspice.spice.netlist;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A netlist split into its parts, before flattening: the top-level body (elements, instances,
 * {@code .param}, {@code .model}, {@code .func}), the subcircuit definitions, and the control
 * cards (analyses, options, initial conditions, output requests).
 */
public final class Deck {
    /** A {@code .subckt} definition: ports, default parameters (as tokens) and body lines. */
    public record Subcircuit(String name, List<String> ports, List<Token> defaults, List<SourceLine> body, SourceLine line) {
    }

    private final String title;
    private final List<SourceLine> body = new ArrayList<>();
    private final Map<String, Subcircuit> subcircuits = new LinkedHashMap<>();
    private final List<SourceLine> controls = new ArrayList<>();

    private Deck(String title) {
        this.title = title;
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

    private static final List<String> CONTROL_CARDS = List.of(".op", ".dc", ".tran", ".ic", ".options", ".option",
            ".opt", ".print", ".save", ".probe", ".nodeset", ".temp", ".width", ".plot", ".control", ".endc", ".global",
            ".ac", ".four", ".meas", ".measure");

    /** Splits the logical lines of a netlist. */
    public static Deck of(NetlistReader.Result netlist) {
        Deck deck = new Deck(netlist.title());
        Subcircuit open = null;
        List<SourceLine> openBody = null;
        boolean inControl = false;
        for (SourceLine line : netlist.lines()) {
            String keyword = line.keyword();
            if (inControl) {
                if (keyword.equals(".endc")) {
                    inControl = false;
                }
                continue; // ngspice control blocks are interactive scripts, not circuit
            }
            if (keyword.equals(".control")) {
                inControl = true;
                continue;
            }
            if (keyword.equals(".subckt")) {
                if (open != null) {
                    throw new NetlistException(line, "nested .subckt definitions are not supported (inside " + open.name() + ")");
                }
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
                    ports.add(tokens.get(i).text().toLowerCase(Locale.ROOT));
                    i++;
                }
                if (i < tokens.size() && tokens.get(i).isWord("params:")) {
                    i++;
                }
                openBody = new ArrayList<>();
                open = new Subcircuit(name, ports, tokens.subList(i, tokens.size()), openBody, line);
                if (deck.subcircuits.containsKey(name)) {
                    throw new NetlistException(line, "subcircuit " + name + " is defined twice");
                }
                continue;
            }
            if (keyword.equals(".ends")) {
                if (open == null) {
                    throw new NetlistException(line, ".ends without .subckt");
                }
                deck.subcircuits.put(open.name(), open);
                open = null;
                continue;
            }
            if (CONTROL_CARDS.contains(keyword)) {
                if (open != null && !keyword.equals(".ic") && !keyword.equals(".nodeset")) {
                    throw new NetlistException(line, keyword + " is not allowed inside .subckt " + open.name());
                }
                deck.controls.add(line);
                continue;
            }
            (open != null ? openBody : deck.body).add(line);
        }
        if (open != null) {
            throw new NetlistException(open.line(), ".subckt " + open.name() + " has no matching .ends");
        }
        return deck;
    }
}
