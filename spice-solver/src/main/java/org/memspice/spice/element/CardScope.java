package org.memspice.spice.element;

import org.memspice.spice.circuit.ModelCard;
import org.memspice.spice.expr.Symbols;
import org.memspice.spice.expr.UserFunction;

/** Resolves the names on an element line in the (sub)circuit it stands in. */
public interface CardScope {
    /** The unknown of a node named on the line (mapped through subcircuit ports). */
    int node(String localName);

    /** The global name of a node named on the line, without creating it. */
    String nodeName(String localName);

    /** The full name of an element named on the line (for F, H, K and I()). */
    String elementName(String localName);

    /** The model of that name visible here, or null. */
    ModelCard model(String localName);

    /** The {@code .func} of that name visible here, or null. */
    UserFunction function(String name);

    /** Parameters and functions visible here. */
    Symbols parameters();
}
