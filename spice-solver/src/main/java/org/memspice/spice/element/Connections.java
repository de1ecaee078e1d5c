package org.memspice.spice.element;

/**
 * How an element connects its nodes, for the topology check that runs before an analysis solves
 * (a node with no DC path to ground, a loop of voltage sources). Reported after set-up, in unknown
 * numbers. An element that does not implement this is taken to connect all the node unknowns it
 * stamps into conductively, which never flags a good circuit.
 */
public interface Connections {
    /** What a connection carries. */
    interface Sink {
        /** A path for DC current between a and b (a resistance, a junction's gmin, a channel). */
        void conductive(int a, int b);

        /** A path only in a transient (a capacitor). */
        void capacitive(int a, int b);

        /** A branch that fixes V(a) − V(b) (a voltage source, an E or H source, a B V= source). */
        void voltage(int a, int b);

        /** An inductor: a short at DC (so it fixes V(a) − V(b) = 0 there), a path in a transient. */
        void inductive(int a, int b);

        /** A branch that carries a given current: it uses a and b but is never a path (a current source). */
        void current(int a, int b);
    }

    void connections(Sink sink);
}
