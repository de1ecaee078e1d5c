package org.memspice.devices.memristor;

import java.util.Map;

/**
 * Stanford-PKU RRAM model (Guan, Yu and Wong, "A SPICE compact model of metal oxide resistive
 * switching memory with variations", IEEE EDL 33(10), 2012; Jiang et al., SISPAD 2014). The
 * state is the tunnelling gap g (m) between the filament tip and the electrode:
 * I = I0·e^(−g/g0)·sinh(V/V0); dg/dt = −VEL0·e^(−q·Ea/(k·T))·sinh(γ·a0·q·V/(tox·k·T)),
 * γ = γ0 − β·(g/1 nm)³, with Joule heating T = T0 + |V·I|·Rth. Defaults are the model's:
 * g0 0.25 nm, V0 0.25 V, I0 1 mA, VEL0 10 m/s, β 0.8, γ0 16, Ea 0.6 eV, a0 0.25 nm, tox 12 nm,
 * Rth 2.1 kK/W, T0 300 K, gap in [0.2, 1.7] nm, initial gap 1.7 nm (high resistance).
 */
public final class StanfordPku implements MemristorModel {
    private final Map<String, Double> parameters;

    private static final double Q = 1.602176634e-19;
    private static final double K = 1.380649e-23;
    static final Map<String, Double> DEFAULTS = Map.ofEntries(Map.entry("i0", 1e-3), Map.entry("g0", 0.25e-9),
            Map.entry("v0", 0.25), Map.entry("vel0", 10.0), Map.entry("beta", 0.8), Map.entry("gamma0", 16.0),
            Map.entry("ea", 0.6), Map.entry("a0", 0.25e-9), Map.entry("tox", 12e-9), Map.entry("rth", 2.1e3),
            Map.entry("t0", 300.0), Map.entry("gmin", 0.2e-9), Map.entry("gmax", 1.7e-9), Map.entry("x0", 1.7e-9));

    private final double i0;
    private final double g0;
    private final double v0;
    private final double vel0;
    private final double beta;
    private final double gamma0;
    private final double ea;
    private final double a0;
    private final double tox;
    private final double rth;
    private final double t0;
    private final double gmin;
    private final double gmax;
    private final double x0;
    /** a0·q/(tox·k): the sinh argument of the hopping rate is this·γ·V/T. */
    private final double fieldScale;

    public StanfordPku(Map<String, Double> given) {
        Parameters ps = new Parameters("stanford_pku", DEFAULTS, given);
        this.parameters = ps.values();
        i0 = ps.get("i0");
        g0 = ps.get("g0");
        v0 = ps.get("v0");
        vel0 = ps.get("vel0");
        beta = ps.get("beta");
        gamma0 = ps.get("gamma0");
        ea = ps.get("ea");
        a0 = ps.get("a0");
        tox = ps.get("tox");
        rth = ps.get("rth");
        t0 = ps.get("t0");
        gmin = ps.get("gmin");
        gmax = ps.get("gmax");
        x0 = ps.get("x0");
        fieldScale = a0 * Q / (tox * K);
    }

    @Override
    public Map<String, Double> parameters() {
        return parameters;
    }

    @Override
    public String kind() {
        return "stanford_pku";
    }

    /** SET shrinks the gap. */
    @Override
    public boolean setLowersState() {
        return true;
    }

    @Override
    public String stateUnit() {
        return "m";
    }

    @Override
    public boolean hasSeparableCurrent() {
        return true;
    }

    /** I0·e^(−g/g0). */
    @Override
    public double currentStateFactor(double g) {
        return i0 * Math.exp(-g / g0);
    }

    @Override
    public double currentStateFactorSlope(double g) {
        return -i0 * Math.exp(-g / g0) / g0;
    }

    /** sinh(v/V0). */
    @Override
    public double currentVoltageFactor(double v) {
        return Math.sinh(v / v0);
    }

    @Override
    public String currentVoltageFactorExpression(String v) {
        return String.format(java.util.Locale.ROOT, "sinh((%s)/%.17g)", v, v0);
    }

    @Override
    public double currentVoltageFactorSlope(double v) {
        return Math.cosh(v / v0) / v0;
    }

    /** The device temperature T0 + |V·I|·Rth (Joule heating). */
    private double temperature(double v, double i) {
        return t0 + Math.abs(v * i) * rth;
    }

    /** q·Ea/(k·T): the hopping rate's activation, e^(−this). */
    private double activation(double t) {
        return Q * ea / (K * t);
    }

    /** γ = γ0 − β·(g/1 nm)³. */
    private double gamma(double g) {
        double gn = g / 1e-9;
        return gamma0 - beta * gn * gn * gn;
    }

    @Override
    public void evaluate(double v, double g, MemristorPoint out) {
        double eg = currentStateFactor(g);
        double i = eg * currentVoltageFactor(v);
        double didv = eg * currentVoltageFactorSlope(v);
        double didg = -i / g0;
        // Joule heating
        double sp = Math.signum(v * i);
        double t = temperature(v, i);
        double dtdv = rth * sp * (i + v * didv);
        double dtdg = rth * sp * v * didg;
        // thermally activated hopping
        double a = activation(t);
        double e = Math.exp(-a);
        double dedt = e * a / t;
        double gn = g / 1e-9;
        double gamma = gamma(g);
        double dgammadg = -3 * beta * gn * gn / 1e-9;
        double c = fieldScale;
        double bArg = c * gamma * v / t;
        double dbdv = c * gamma / t - bArg / t * dtdv;
        double dbdg = c * v / t * dgammadg - bArg / t * dtdg;
        double sh = Math.sinh(bArg);
        double ch = Math.cosh(bArg);
        double rate = -vel0 * e * sh;
        double dRatedv = -vel0 * (dedt * dtdv * sh + e * ch * dbdv);
        double dRatedg = -vel0 * (dedt * dtdg * sh + e * ch * dbdg);
        out.set(i, didv, didg, rate, dRatedv, dRatedg);
    }

    /**
     * Analytic for every parameter: I0, g0 and V0 move the current, and through Joule heating the
     * temperature of the hopping rate; Rth and T0 move the temperature; the others the rate alone.
     * GMIN and GMAX bound the gap and move neither.
     */
    @Override
    public boolean parameterDerivative(String name, double v, double g, MemristorPoint out) {
        double eg = currentStateFactor(g);
        double u = currentVoltageFactor(v);
        double i = eg * u;
        double di;
        switch (name) {
            case "i0":
                di = Math.exp(-g / g0) * u;
                break;
            case "g0":
                di = i * g / (g0 * g0);
                break;
            case "v0":
                di = -eg * Math.cosh(v / v0) * v / (v0 * v0);
                break;
            case "vel0": case "beta": case "gamma0": case "ea": case "a0": case "tox": case "rth": case "t0":
            case "gmin": case "gmax":
                di = 0;
                break;
            default:
                return false;
        }
        double t = temperature(v, i);
        double a = activation(t);
        double e = Math.exp(-a);
        double gamma = gamma(g);
        double bArg = fieldScale * gamma * v / t;
        double gn = g / 1e-9;
        // ∂T, ∂(activation) and ∂(sinh argument) with respect to the parameter
        double dt = rth * Math.signum(v * i) * v * di + (name.equals("rth") ? Math.abs(v * i) : 0)
                + (name.equals("t0") ? 1 : 0);
        double da = -a / t * dt + (name.equals("ea") ? Q / (K * t) : 0);
        double db = -bArg / t * dt;
        switch (name) {
            case "gamma0":
                db += fieldScale * v / t;
                break;
            case "beta":
                db -= fieldScale * gn * gn * gn * v / t;
                break;
            case "a0":
                db += Q / (tox * K) * gamma * v / t;
                break;
            case "tox":
                db -= bArg / tox;
                break;
            default:
                break;
        }
        double sh = Math.sinh(bArg);
        double ch = Math.cosh(bArg);
        double df = -vel0 * e * (ch * db - sh * da) - (name.equals("vel0") ? e * sh : 0);
        out.current = di;
        out.rate = df;
        return true;
    }

    @Override
    public double minState() {
        return gmin;
    }

    @Override
    public double maxState() {
        return gmax;
    }

    @Override
    public double initialState() {
        return x0;
    }

    /** Registers the model (META-INF/services). */
    public static final class Provider implements MemristorModelProvider {
        @Override
        public String name() {
            return "stanford_pku";
        }

        @Override
        public java.util.List<String> aliases() {
            return java.util.List.of("stanford");
        }

        @Override
        public int level() {
            return 6;
        }

        @Override
        public MemristorModel create(Map<String, Double> given) {
            return new StanfordPku(given);
        }
    }
}
