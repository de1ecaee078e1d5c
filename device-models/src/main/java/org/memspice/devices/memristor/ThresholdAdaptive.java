package org.memspice.devices.memristor;

import java.util.Map;

/**
 * TEAM (Kvatinsky, Friedman, Kolodny and Weiser, "TEAM: ThrEshold Adaptive Memristor Model",
 * IEEE TCAS-I 60(1), 2013) and VTEAM (Kvatinsky, Ramadan, Friedman and Kolodny, "VTEAM: A General
 * Model for Voltage-Controlled Memristors", IEEE TCAS-II 62(8), 2015). The state x is a length
 * (m) between XON (low resistance RON) and XOFF (high resistance ROFF):
 * dx/dt = KOFF·(s/SOFF − 1)^ALPHAOFF·f_off(x) above the positive threshold SOFF,
 * KON·(s/SON − 1)^ALPHAON·f_on(x) below the negative threshold SON, 0 between, where s is the
 * current (TEAM) or the voltage (VTEAM). Windows: Kvatinsky's f_off = exp(−exp((x − AOFF)/WC)),
 * f_on = exp(−exp(−(x − AON)/WC)) (WT=4, the default) or none (WT=0). I-V: linear in x
 * (IVRELATION=0) or exponential R = RON·exp(λ(x − XON)/(XOFF − XON)), λ = ln(ROFF/RON)
 * (IVRELATION=1). Parameter names follow Xyce. TEAM defaults are Xyce's (KON −8e-13 m/s,
 * KOFF 8e-13 m/s, ALPHA 3, XOFF 3 nm, RON 50 Ω, ROFF 1 kΩ, IOFF 115 µA, WC 1.07 pm, XSCALING 1, start
 * from x = 0) with
 * ION = −8.9 µA, the sign the TEAM paper gives it; VTEAM defaults are the set MemTorch ships
 * (KON −10 m/s, KOFF 5e-4 m/s, ALPHAON 3, ALPHAOFF 1, VON −0.2 V, VOFF 0.02 V).
 */
public final class ThresholdAdaptive implements OhmicCurrent {
    private final Map<String, Double> parameters;

    static final Map<String, Double> TEAM_DEFAULTS = Map.ofEntries(Map.entry("kon", -8e-13), Map.entry("koff", 8e-13),
            Map.entry("alphaon", 3.0), Map.entry("alphaoff", 3.0), Map.entry("xon", 0.0), Map.entry("xoff", 3e-9),
            Map.entry("ron", 50.0), Map.entry("roff", 1e3), Map.entry("ion", -8.9e-6), Map.entry("ioff", 1.15e-4),
            Map.entry("aon", 0.0), Map.entry("aoff", 3e-9), Map.entry("wc", 1.07e-12), Map.entry("wt", 4.0),
            Map.entry("ivrelation", 0.0), Map.entry("x0", 0.0), Map.entry("xscaling", 1.0));
    static final Map<String, Double> VTEAM_DEFAULTS = Map.ofEntries(Map.entry("kon", -10.0), Map.entry("koff", 5e-4),
            Map.entry("alphaon", 3.0), Map.entry("alphaoff", 1.0), Map.entry("xon", 0.0), Map.entry("xoff", 3e-9),
            Map.entry("ron", 50.0), Map.entry("roff", 1e3), Map.entry("von", -0.2), Map.entry("voff", 0.02),
            Map.entry("aon", 0.0), Map.entry("aoff", 3e-9), Map.entry("wc", 1.07e-12), Map.entry("wt", 4.0),
            Map.entry("ivrelation", 0.0), Map.entry("x0", 3e-9));

    private final boolean voltageControlled;
    private final double kon;
    private final double koff;
    private final double alphaon;
    private final double alphaoff;
    private final double xon;
    private final double xoff;
    private final double ron;
    private final double roff;
    private final double son;
    private final double soff;
    private final double aon;
    private final double aoff;
    private final double wc;
    private final boolean window;
    private final boolean exponential;
    private final double x0;
    private final double scale;
    private final double margin;

    private ThresholdAdaptive(boolean voltageControlled, Map<String, Double> given) {
        this.voltageControlled = voltageControlled;
        Parameters ps = new Parameters(voltageControlled ? "vteam" : "team",
                voltageControlled ? VTEAM_DEFAULTS : TEAM_DEFAULTS, given);
        this.parameters = ps.values();
        // XSCALING (Xyce's TEAM): the state is carried and reported in metres times XSCALING (1e9: nm),
        // so every length and speed scales with it; x0 is given in those units
        double scale = voltageControlled ? 1 : ps.get("xscaling");
        if (!(scale > 0 && Double.isFinite(scale))) {
            throw new IllegalArgumentException("XSCALING must be a finite number > 0, got " + scale);
        }
        this.scale = scale;
        kon = ps.get("kon") * scale;
        koff = ps.get("koff") * scale;
        alphaon = ps.get("alphaon");
        alphaoff = ps.get("alphaoff");
        xon = ps.get("xon") * scale;
        xoff = ps.get("xoff") * scale;
        ron = ps.get("ron");
        roff = ps.get("roff");
        son = ps.get(voltageControlled ? "von" : "ion");
        soff = ps.get(voltageControlled ? "voff" : "ioff");
        aon = ps.get("aon") * scale;
        aoff = ps.get("aoff") * scale;
        wc = ps.get("wc") * scale;
        double wt = ps.get("wt");
        if (wt != 0 && wt != 4) {
            throw new IllegalArgumentException("TEAM/VTEAM window WT must be 0 (none) or 4 (Kvatinsky), got " + wt);
        }
        window = wt == 4;
        exponential = ps.get("ivrelation") != 0;
        // With Kvatinsky's window it is the window, not a hard stop, that ends a switching event (as in
        // Xyce, which has no bounds): the state may run 5 WC past XON/XOFF, where the window factor
        // is below exp(-e^5) = 1e-64, but never so far that a linear resistance would halve RON.
        double reach = exponential ? Double.POSITIVE_INFINITY : 0.5 * ron * Math.abs(xoff - xon) / Math.abs(roff - ron);
        margin = window ? Math.min(5 * wc, reach) : 0;
        // Xyce's TEAM has no initial-state parameter: its operating point leaves the state at 0
        boolean x0Given = given.keySet().stream().anyMatch(k -> k.equalsIgnoreCase("x0"));
        // (nothing crosses a threshold at rest), so TEAM starts from 0 unless X0 says otherwise
        x0 = x0Given ? ps.get("x0") : Math.max(minState(), Math.min(maxState(), ps.get("x0") * scale));
        if (!(son < 0 && soff > 0)) {
            throw new IllegalArgumentException("thresholds must satisfy " + (voltageControlled ? "VON < 0 < VOFF" : "ION < 0 < IOFF"));
        }
    }

    /** The current-controlled TEAM model. */
    public static ThresholdAdaptive team(Map<String, Double> given) {
        return new ThresholdAdaptive(false, given);
    }

    /** The voltage-controlled VTEAM model. */
    public static ThresholdAdaptive vteam(Map<String, Double> given) {
        return new ThresholdAdaptive(true, given);
    }

    @Override
    public Map<String, Double> parameters() {
        return parameters;
    }

    /** The window and I-V relation switches, and the unit scale of the state. */
    @Override
    public java.util.Set<String> discreteParameters() {
        return java.util.Set.of("wt", "ivrelation", "xscaling");
    }

    @Override
    public String kind() {
        return voltageControlled ? "vteam" : "team";
    }

    @Override
    public String stateUnit() {
        if (scale == 1) {
            return "m";
        }
        return scale == 1e3 ? "mm" : scale == 1e6 ? "µm" : scale == 1e9 ? "nm" : scale == 1e12 ? "pm" : "m × " + scale;
    }

    /** 1/R(x), R linear or exponential in x (IVRELATION). */
    @Override
    public double currentStateFactor(double x) {
        return 1 / resistance(x);
    }

    @Override
    public double currentStateFactorSlope(double x) {
        double r = resistance(x);
        double drdx = resistanceSlope(r) / (xoff - xon);
        return -drdx / (r * r);
    }

    private double resistance(double x) {
        double span = xoff - xon;
        return exponential ? ron * Math.exp(Math.log(roff / ron) * (x - xon) / span) : ron + (x - xon) * (roff - ron) / span;
    }

    /** dR/dt of R at t = (x − XON)/(XOFF − XON), given R. */
    private double resistanceSlope(double r) {
        return exponential ? r * Math.log(roff / ron) : roff - ron;
    }

    /** ∂R/∂q at x (R given) for q = ron, roff, xon or xoff in the model's internal units; 0 for the others. */
    private double resistanceDerivative(String q, double x, double r) {
        double span = xoff - xon;
        double t = (x - xon) / span;
        switch (q) {
            case "ron":
                return exponential ? r * (1 - t) / ron : 1 - t;
            case "roff":
                return exponential ? r * t / roff : t;
            case "xon":
                return resistanceSlope(r) * (x - xoff) / (span * span);
            case "xoff":
                return -resistanceSlope(r) * (x - xon) / (span * span);
            default:
                return 0;
        }
    }

    /** The exponent z of Kvatinsky's window exp(−e^z) on the OFF (z = (x − AOFF)/WC) or ON (−(x − AON)/WC) branch. */
    private double windowExponent(boolean off, double x) {
        return off ? (x - aoff) / wc : -(x - aon) / wc;
    }

    @Override
    public void evaluate(double v, double x, MemristorPoint out) {
        ohmicCurrent(v, x, out);
        double i = out.current;
        double didv = out.dCurrentDv;
        double didx = out.dCurrentDx;
        // the controlling quantity and its partials
        double s = voltageControlled ? v : i;
        double dsdv = voltageControlled ? 1 : didv;
        double dsdx = voltageControlled ? 0 : didx;
        double dxdt = 0;
        double dfdv = 0;
        double dfdx = 0;
        boolean off = s > soff;
        if (off || s < son) {
            double k = off ? koff : kon;
            double alpha = off ? alphaoff : alphaon;
            double threshold = off ? soff : son;
            double base = s / threshold - 1;
            double rate = k * Math.pow(base, alpha);
            double dRate = k * alpha * Math.pow(base, alpha - 1) / threshold; // d(rate)/ds
            double f = 1;
            double df = 0;
            if (window) {
                double e = Math.exp(windowExponent(off, x));
                f = Math.exp(-e);
                df = f == 0 ? 0 : off ? -f * e / wc : f * e / wc;
            }
            if (k != 0) {
                dxdt = rate * f;
                dfdv = dRate * dsdv * f;
                dfdx = dRate * dsdx * f + rate * df;
            }
        }
        out.set(i, didv, didx, dxdt, dfdv, dfdx);
    }

    /**
     * Analytic for every continuous parameter. A length or speed (KON, KOFF, XON, XOFF, AON, AOFF,
     * WC) enters in metres times XSCALING, hence the factor XSCALING; TEAM's rate also moves through
     * its controlling current. Between the thresholds the rate and its derivatives are 0.
     */
    @Override
    public boolean parameterDerivative(String name, double v, double x, MemristorPoint out) {
        String onThreshold = voltageControlled ? "von" : "ion";
        String offThreshold = voltageControlled ? "voff" : "ioff";
        double unit;
        switch (name) {
            case "kon": case "koff": case "xon": case "xoff": case "aon": case "aoff": case "wc":
                unit = scale;
                break;
            case "alphaon": case "alphaoff": case "ron": case "roff":
                unit = 1;
                break;
            default:
                if (!name.equals(onThreshold) && !name.equals(offThreshold)) {
                    return false;
                }
                unit = 1;
        }
        double r = resistance(x);
        double g = 1 / r; // currentStateFactor(x)
        double di = -v * resistanceDerivative(name, x, r) / (r * r) * unit;
        double s = voltageControlled ? v : g * v;
        double ds = voltageControlled ? 0 : di;
        double df = 0;
        boolean off = s > soff;
        if (off || s < son) {
            double k = off ? koff : kon;
            double alpha = off ? alphaoff : alphaon;
            double threshold = off ? soff : son;
            double base = s / threshold - 1;
            double power = Math.pow(base, alpha);
            double rate = k * power;
            double dRate = k * alpha * (power / base) / threshold; // d(rate)/ds (base > 0 beyond a threshold)
            double f = 1;
            double dfdw = 0; // d(window)/d(name) at fixed x
            if (window) {
                double z = windowExponent(off, x);
                double e = Math.exp(z);
                f = Math.exp(-e);
                if (f != 0 && name.equals(off ? "aoff" : "aon")) {
                    dfdw = off ? f * e / wc : -f * e / wc;
                } else if (f != 0 && name.equals("wc")) {
                    dfdw = f * e * z / wc;
                }
            }
            double direct; // ∂rate/∂q at fixed s and window, internal units
            if (name.equals(off ? "koff" : "kon")) {
                direct = power * f;
            } else if (name.equals(off ? "alphaoff" : "alphaon")) {
                direct = rate * Math.log(base) * f;
            } else if (name.equals(off ? offThreshold : onThreshold)) {
                direct = -dRate * s / threshold * f;
            } else {
                direct = rate * dfdw;
            }
            df = dRate * ds * f + direct * unit;
        }
        out.current = di;
        out.rate = df;
        return true;
    }

    @Override
    public double minState() {
        return Math.min(xon, xoff) - margin;
    }

    @Override
    public double maxState() {
        return Math.max(xon, xoff) + margin;
    }

    @Override
    public double initialState() {
        return x0;
    }

    /** Registers TEAM (META-INF/services). */
    public static final class TeamProvider implements MemristorModelProvider {
        @Override
        public String name() {
            return "team";
        }

        @Override
        public int level() {
            return 2;
        }

        @Override
        public MemristorModel create(Map<String, Double> given) {
            return team(given);
        }
    }

    /** Registers VTEAM (META-INF/services). */
    public static final class VteamProvider implements MemristorModelProvider {
        @Override
        public String name() {
            return "vteam";
        }

        @Override
        public int level() {
            return 5;
        }

        @Override
        public MemristorModel create(Map<String, Double> given) {
            return vteam(given);
        }
    }
}
