package org.memspice.spice.element;

import org.memspice.spice.circuit.ModelCard;
import org.memspice.spice.expr.Symbols;
import org.memspice.spice.expr.UserFunction;

/** Resolves the names on an element line in the (sub)circuit it stands in. */
public interface CardScope {
    /** The unknown of a node named on the line (mapped through subcircuit ports). */
    int node(String localName);

    /**
     * {@link #node(String)} of the name {@code text[start, end)} in any case (it is lower-cased);
     * a scope may look it up without making the string.
     */
    default int node(String text, int start, int end) {
        return node(text.substring(start, end).toLowerCase(java.util.Locale.ROOT));
    }

    /** The global name of a node named on the line, without creating it. */
    String nodeName(String localName);

    /** The full name of an element named on the line (for F, H, K and I()). */
    String elementName(String localName);

    /** The model of that name visible here, or null. */
    ModelCard model(String localName);

    /**
     * {@link #model(String)} of the name {@code text[start, end)} in any case (it is lower-cased);
     * a scope may answer without making the string.
     */
    default ModelCard model(String text, int start, int end) {
        return model(text.substring(start, end).toLowerCase(java.util.Locale.ROOT));
    }

    /** The {@code .func} of that name visible here, or null. */
    UserFunction function(String name);

    /** Parameters and functions visible here. */
    Symbols parameters();

    /**
     * Where an element line's expensive reading may be kept for the same line in other instances
     * of its subcircuit (one store per build); null where nothing is kept (the top level, whose
     * lines are read once).
     */
    default LineTemplates templates() {
        return null;
    }
}
