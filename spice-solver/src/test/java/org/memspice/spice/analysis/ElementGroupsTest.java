package org.memspice.spice.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.memspice.spice.Netlists;
import org.memspice.spice.circuit.Circuit;
import org.memspice.spice.element.ConvergenceTest;
import org.memspice.spice.element.Element;

/**
 * The system sorts the elements into groups asking each run of one class once for its interfaces:
 * the groups must still hold exactly the elements of each kind, in circuit order, however the
 * classes alternate.
 */
class ElementGroupsTest {
    @Test
    void groupsHoldEveryElementOfTheirKindInCircuitOrderWhateverTheClassesRuns() {
        // runs of one class of lengths 1, 2 and 3, and classes coming back after others
        Circuit c = Netlists.circuit("groups\nV1 a 0 1\nD1 a b dm\nR1 b 0 1k\nD2 b c dm\nD3 c d dm\nR2 d 0 1k\n"
                + "R3 d e 1k\nM1 e a 0 0 nm w=1u l=1u\nR4 e 0 1k\nD4 e 0 dm\nD5 a 0 dm\nD6 b 0 dm\nC1 a 0 1n\n"
                + "M2 a e 0 0 nm w=1u l=1u\n.model dm D(IS=1e-14)\n.model nm NMOS(LEVEL=1 VTO=0.7 KP=1e-4)\n.op\n");
        MnaSystem system = new MnaSystem(c);
        List<Element> expected = c.elements().stream().filter(e -> e instanceof ConvergenceTest).toList();
        assertEquals(8, expected.size()); // six diodes and two MOSFETs
        assertEquals(expected, List.of(system.convergenceTests()));
        assertEquals(0, system.stateBounds().length);
        assertFalse(system.isLinear(), "diodes and MOSFETs make the circuit nonlinear");
    }
}
