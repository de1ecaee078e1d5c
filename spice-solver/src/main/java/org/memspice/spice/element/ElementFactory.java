package org.memspice.spice.element;

import java.util.List;

/**
 * Builds elements from netlist lines. Factories are found with {@link java.util.ServiceLoader},
 * so a module adds devices by listing its factory in
 * {@code META-INF/services/org.memspice.spice.element.ElementFactory}.
 */
public interface ElementFactory {
    /**
     * The netlist prefixes this factory builds: single letters ({@code "R"}) match the first letter
     * of the instance name; longer keywords ({@code "YMEMRISTOR"}) match the whole first word, in
     * which case the instance name is the second word.
     */
    List<String> prefixes();

    Element create(ElementCard card);
}
