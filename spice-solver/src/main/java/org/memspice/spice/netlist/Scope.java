package org.memspice.spice.netlist;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.memspice.spice.circuit.ModelCard;
import org.memspice.spice.circuit.Unknowns;
import org.memspice.spice.element.CardScope;
import org.memspice.spice.expr.Expr;
import org.memspice.spice.expr.ExpressionParser;
import org.memspice.spice.expr.Symbols;

/**
 * Names visible at one level of the hierarchy: the top level or one subcircuit instance.
 * Nodes are mapped through the instance's ports, everything else gets the instance prefix;
 * parameters, models and functions are looked up here first, then in the enclosing scope.
 */
final class Scope implements CardScope, Symbols {
    /** A {@code .func} definition. */
    record Function(String name, List<String> args, String body, SourceLine line) {
    }

    private final Scope parent;
    private final String prefix;
    private final Map<String, String> ports;
    private final Unknowns unknowns;
    private final double temperature;
    final Map<String, Double> params = new HashMap<>();
    final Map<String, ModelCard> models = new HashMap<>();
    final Map<String, Function> functions = new HashMap<>();
    final Map<String, Deck.Subcircuit> subcircuits;

    Scope(Scope parent, String prefix, Map<String, String> ports, Unknowns unknowns,
            Map<String, Deck.Subcircuit> subcircuits, double temperature) {
        this.parent = parent;
        this.prefix = prefix;
        this.ports = ports;
        this.unknowns = unknowns;
        this.subcircuits = subcircuits;
        this.temperature = temperature;
    }

    String prefix() {
        return prefix;
    }

    /** Global name of a node named in this scope. */
    String nodeName(String local) {
        if (local.equals("0") || local.equals("gnd")) {
            return "0";
        }
        String mapped = ports.get(local);
        return mapped != null ? mapped : prefix + local;
    }

    @Override
    public int node(String localName) {
        return unknowns.node(nodeName(localName));
    }

    @Override
    public String elementName(String localName) {
        return prefix + localName;
    }

    @Override
    public ModelCard model(String localName) {
        for (Scope s = this; s != null; s = s.parent) {
            ModelCard m = s.models.get(localName);
            if (m != null) {
                return m;
            }
        }
        return null;
    }

    Deck.Subcircuit subcircuit(String name) {
        return subcircuits.get(name);
    }

    @Override
    public Symbols parameters() {
        return this;
    }

    @Override
    public Expr identifier(String name) {
        for (Scope s = this; s != null; s = s.parent) {
            Double v = s.params.get(name);
            if (v != null) {
                return ExpressionParser.constant(v);
            }
        }
        switch (name) {
            case "pi":
                return ExpressionParser.constant(Math.PI);
            case "temper":
                return ExpressionParser.constant(temperature);
            default:
                return null;
        }
    }

    @Override
    public Expr userFunction(String name, List<Expr> args) {
        for (Scope s = this; s != null; s = s.parent) {
            Function f = s.functions.get(name);
            if (f != null) {
                return inline(f, args);
            }
        }
        return null;
    }

    private Expr inline(Function f, List<Expr> args) {
        if (args.size() != f.args().size()) {
            throw new org.memspice.spice.expr.ExpressionException("function " + f.name() + " takes "
                    + f.args().size() + " argument(s), not " + args.size(), 0);
        }
        Symbols outer = this;
        Map<String, Expr> bound = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            bound.put(f.args().get(i), args.get(i));
        }
        return ExpressionParser.parse(f.body(), new Symbols() {
            @Override
            public Expr identifier(String n) {
                Expr e = bound.get(n);
                return e != null ? e : outer.identifier(n);
            }

            @Override
            public Expr voltage(String plus, String minus) {
                return outer.voltage(plus, minus);
            }

            @Override
            public Expr current(String device) {
                return outer.current(device);
            }

            @Override
            public Expr userFunction(String n, List<Expr> a) {
                return outer.userFunction(n, a);
            }
        });
    }
}
