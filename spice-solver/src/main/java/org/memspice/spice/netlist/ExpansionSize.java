package org.memspice.spice.netlist;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.memspice.spice.circuit.Limits;

/**
 * Counts the elements a netlist flattens to before anything is built, so that a subcircuit that
 * instantiates itself, or a hierarchy that multiplies out to billions of elements, ends in a
 * message at the line that does it instead of a hang or an OutOfMemoryError.
 */
final class ExpansionSize {
    private final Map<Deck.Subcircuit, Long> counted = new IdentityHashMap<>();
    private final Deque<Deck.Subcircuit> active = new ArrayDeque<>();
    private final Deque<Map<String, Deck.Subcircuit>> visible = new ArrayDeque<>();

    private ExpansionSize() {
    }

    /**
     * Throws unless the deck flattens to at most {@link Limits#MAX_ELEMENTS} elements; returns
     * how many it flattens to (at most: a deck without subcircuits counts its lines).
     */
    static long check(Deck deck) {
        if (deck.subcircuits().isEmpty() && deck.body().size() <= Limits.MAX_ELEMENTS) {
            return deck.body().size(); // nothing multiplies: no line can make more than one element
        }
        ExpansionSize size = new ExpansionSize();
        size.visible.push(deck.subcircuits());
        long n = size.count(deck.body());
        if (n > Limits.MAX_ELEMENTS) {
            SourceLine last = deck.body().get(deck.body().size() - 1);
            throw new NetlistException(last, String.format(Locale.ROOT, "the netlist flattens to %s elements, more"
                    + " than memspice's limit of %,d (subcircuit instances multiply; %s)", n == Long.MAX_VALUE
                    ? "more than 9e18" : String.format(Locale.ROOT, "%,d", n), Limits.MAX_ELEMENTS,
                    Limits.elementLimitReason()));
        }
        return n;
    }

    private long count(List<SourceLine> body) {
        long n = 0;
        for (SourceLine line : body) {
            if (line.isDotCard()) {
                continue;
            }
            if (!line.startsWithLetter('x')) {
                n = add(n, 1);
                continue;
            }
            Deck.Subcircuit def = target(line);
            if (def == null) {
                continue; // the expansion names the missing subcircuit at this line
            }
            long sub = count(line, def);
            n = add(n, sub);
            if (n > Limits.MAX_ELEMENTS) {
                throw new NetlistException(line, String.format(Locale.ROOT, "instance %s of %s takes the netlist past"
                        + " memspice's limit of %,d elements (subcircuit instances multiply; %s)", line.keyword(),
                        def.name(), Limits.MAX_ELEMENTS, Limits.elementLimitReason()));
            }
        }
        return n;
    }

    private long count(SourceLine line, Deck.Subcircuit def) {
        Long done = counted.get(def);
        if (done != null) {
            return done;
        }
        if (active.contains(def)) {
            StringBuilder path = new StringBuilder();
            for (java.util.Iterator<Deck.Subcircuit> it = active.descendingIterator(); it.hasNext();) {
                path.append(it.next().name()).append(" -> ");
            }
            throw new NetlistException(line, "subcircuit " + def.name() + " instantiates itself (" + path + def.name()
                    + "): the expansion would never end");
        }
        if (active.size() >= Limits.MAX_SUBCIRCUIT_DEPTH) {
            throw new NetlistException(line, "subcircuits nested more than " + Limits.MAX_SUBCIRCUIT_DEPTH + " deep");
        }
        active.push(def);
        visible.push(def.nested());
        long n;
        try {
            n = count(def.body());
        } finally {
            visible.pop();
            active.pop();
        }
        counted.put(def, n);
        return n;
    }

    /** The definition an X line instantiates, looked up from the innermost definition outwards. */
    private Deck.Subcircuit target(SourceLine line) {
        List<Token> tokens = Tokenizer.tokenize(line);
        int end = CircuitBuilder.instanceEnd(tokens);
        if (end < 2 || !tokens.get(end - 1).is(Token.Kind.WORD)) {
            return null;
        }
        String name = tokens.get(end - 1).text().toLowerCase(Locale.ROOT);
        for (Map<String, Deck.Subcircuit> defs : visible) {
            Deck.Subcircuit d = defs.get(name);
            if (d != null) {
                return d;
            }
        }
        return null;
    }

    private static long add(long a, long b) {
        long r = a + b;
        return r < a ? Long.MAX_VALUE : r;
    }
}
