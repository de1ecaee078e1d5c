package org.memspice.spice.circuit;

import java.util.List;
import org.memspice.spice.netlist.SourceLine;

/**
 * A {@code .sens OBJECTIVE [parameters...]} card: the objective (an output vector or an
 * expression of measurements of them) and the parameters to differentiate it by (all element
 * values when none are named); checked against the circuit when the analysis runs.
 */
public record SensRequest(String objective, int objectiveColumn, List<String> parameters, List<Integer> columns,
        SourceLine line) {
}
