package org.memspice.spice.elements;

/**
 * A MOSFET channel's drain current as a function of its terminal voltages, in the device's type
 * frame (NMOS sign; a PMOS caller negates voltages and current). {@link #evaluate} swaps source
 * and drain itself when vds &lt; 0, and leaves the drain current (into the drain, out of the
 * source) with its partials with respect to vgs, vds and vbs, and the threshold and saturation
 * voltages of the mode it used (for limiting and for Meyer's gate capacitances).
 */
public abstract class MosChannel {
    /** Drain current and its partials. */
    public double id;
    public double dIdVgs;
    public double dIdVds;
    public double dIdVbs;
    /** Threshold voltage used, in the frame of the present mode (source and drain swapped when vds &lt; 0). */
    public double von;
    /** Saturation voltage, same frame. */
    public double vdsat;

    /** Evaluates at (vgs, vds, vbs) in the type frame. */
    public abstract void evaluate(double vgs, double vds, double vbs);

    /**
     * Stores the current of the mode's own frame (cdrain from its drain to its source, with gm,
     * gds, gmbs in that frame) as the current into the real drain.
     */
    protected final void result(boolean normal, double cdrain, double gm, double gds, double gmbs) {
        if (normal) {
            id = cdrain;
            dIdVgs = gm;
            dIdVds = gds;
            dIdVbs = gmbs;
        } else {
            id = -cdrain;
            dIdVgs = -gm;
            dIdVds = gm + gds + gmbs;
            dIdVbs = -gmbs;
        }
    }
}
