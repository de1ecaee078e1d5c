package org.memspice.spice.netlist;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.memspice.spice.circuit.ModelCard;
import org.memspice.spice.circuit.Unknowns;
import org.memspice.spice.element.CardScope;
import org.memspice.spice.element.LineTemplates;
import org.memspice.spice.expr.Expr;
import org.memspice.spice.expr.ExpressionParser;
import org.memspice.spice.expr.Symbols;
import org.memspice.spice.expr.UserFunction;

/**
 * Names visible at one level of the hierarchy: the top level or one subcircuit instance.
 * Nodes are mapped through the instance's ports, everything else gets the instance prefix;
 * parameters, models and functions are looked up here first, then in the enclosing scope.
 */
final class Scope implements CardScope, Symbols {
    private final Scope parent;
    private final String prefix;
    private final Map<String, String> ports;
    private final Unknowns unknowns;
    private final double temperature;
    private final Set<String> globals;
    final Map<String, Double> params = new HashMap<>();
    /** Values that replace the top level's .param definitions (a sensitivity's perturbed rebuild); null: none. */
    Map<String, Double> overrides;
    final Map<String, ModelCard> models = new HashMap<>();
    final Map<String, UserFunction> functions = new HashMap<>();
    /** The subcircuits defined at this level (the top level's, or those nested in this instance's definition). */
    final Map<String, Deck.Subcircuit> subcircuits;
    /** The build's store of line templates, shared by every scope of the build. */
    private final LineTemplates templates;

    Scope(Scope parent, String prefix, Map<String, String> ports, Unknowns unknowns,
            Map<String, Deck.Subcircuit> subcircuits, double temperature, Set<String> globals) {
        this.parent = parent;
        this.prefix = prefix;
        this.ports = ports;
        this.unknowns = unknowns;
        this.subcircuits = subcircuits;
        this.temperature = temperature;
        this.globals = globals;
        this.templates = parent == null ? new LineTemplates() : parent.templates;
    }

    /** The build's store, inside a subcircuit instance; none at the top level (its lines are read once). */
    @Override
    public LineTemplates templates() {
        return prefix.isEmpty() ? null : templates;
    }

    String prefix() {
        return prefix;
    }

    Set<String> globals() {
        return globals;
    }

    /** Global name of a node named in this scope. */
    @Override
    public String nodeName(String local) {
        if (local.equals("0") || local.equals("gnd")) {
            return "0";
        }
        if (prefix.isEmpty()) {
            return local; // the top level: no ports, and a global is its own name
        }
        if (globals.contains(local)) {
            return local;
        }
        String mapped = ports.get(local);
        return mapped != null ? mapped : prefix + local;
    }

    @Override
    public int node(String localName) {
        return unknowns.node(nodeName(localName));
    }

    @Override
    public int node(String text, int start, int end) {
        if (prefix.isEmpty()) {
            return unknowns.node(text, start, end); // the top level: the name is the node's own (0 and gnd too)
        }
        return CardScope.super.node(text, start, end);
    }

    @Override
    public String elementName(String localName) {
        return prefix.isEmpty() ? localName : prefix + localName;
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

    @Override
    public ModelCard model(String text, int start, int end) {
        for (Scope s = this; s != null; s = s.parent) {
            if (!s.models.isEmpty()) {
                return CardScope.super.model(text, start, end);
            }
        }
        return null; // no .model visible here: no name to make (a crossbar's resistors ask for every value)
    }

    /** The definition of that name visible here: nested in this instance's definition, then outwards. */
    Deck.Subcircuit subcircuit(String name) {
        for (Scope sc = this; sc != null; sc = sc.parent) {
            Deck.Subcircuit d = sc.subcircuits.get(name);
            if (d != null) {
                return d;
            }
        }
        return null;
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
    public UserFunction function(String name) {
        for (Scope s = this; s != null; s = s.parent) {
            UserFunction f = s.functions.get(name);
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    @Override
    public Expr userFunction(String name, List<Expr> args) {
        UserFunction f = function(name);
        return f == null ? null : f.apply(args, this);
    }
}
