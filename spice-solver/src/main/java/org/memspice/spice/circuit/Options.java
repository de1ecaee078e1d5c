package org.memspice.spice.circuit;

/** Simulator options ({@code .options}); defaults are ngspice's. Units SI. */
public final class Options {
    /** Integration method for transient analysis. */
    public enum Method { TRAP, GEAR }

    public double reltol = 1e-3;
    public double abstol = 1e-12;
    public double vntol = 1e-6;
    public double chgtol = 1e-14;
    public double trtol = 7;
    public double gmin = 1e-12;
    public Method method = Method.TRAP;
    public int maxord = 2;
    public int itl1 = 100;
    public int itl4 = 10;
    /** Circuit temperature in degrees Celsius. */
    public double temp = 27;
    public double tnom = 27;
    /** Sets of gmin steps and source steps tried when Newton fails at the operating point. */
    public int gminSteps = 10;
    public int srcSteps = 10;

    /** Sets an option by its (lower-case) netlist name; returns false when the name is unknown. */
    public boolean set(String name, String value, double number) {
        switch (name) {
            case "reltol": reltol = number; return true;
            case "abstol": abstol = number; return true;
            case "vntol": vntol = number; return true;
            case "chgtol": chgtol = number; return true;
            case "trtol": trtol = number; return true;
            case "gmin": gmin = number; return true;
            case "maxord": maxord = (int) number; return true;
            case "itl1": itl1 = (int) number; return true;
            case "itl4": itl4 = (int) number; return true;
            case "temp": temp = number; return true;
            case "tnom": tnom = number; return true;
            case "gminsteps": gminSteps = (int) number; return true;
            case "srcsteps": srcSteps = (int) number; return true;
            case "method":
                if (value.equalsIgnoreCase("trap") || value.equalsIgnoreCase("trapezoidal")) {
                    method = Method.TRAP;
                } else if (value.equalsIgnoreCase("gear")) {
                    method = Method.GEAR;
                } else {
                    throw new IllegalArgumentException("method must be trap or gear, not '" + value + "'");
                }
                return true;
            default:
                return false;
        }
    }
}
