package org.memspice.devices.memristor;

import java.util.Map;

/**
 * Yakopcic generalized memristor model (Yakopcic, Taha, Subramanyam, Pino and Rogers,
 * "A memristor device model", IEEE Electron Device Letters 32(10), 2011; "Generalized memristive
 * device SPICE model and its application in circuit design", IEEE TCAD 32(8), 2013):
 * I = a1·x·sinh(b·V) for V ≥ 0, a2·x·sinh(b·V) for V &lt; 0; dx/dt = η·g(V)·f(x) with the
 * exponential threshold g and the motion limits f of the paper (written out in the reference
 * README). Defaults are the paper's fit to the Oblea et al. device: a1 = a2 = 0.17, b = 0.05,
 * Vp 0.16 V, Vn 0.15 V, Ap = An = 4000, xp 0.3, xn 0.5, αp 1, αn 5, η 1, x0 0.11.
 */
public final class Yakopcic extends UnitIntervalModel {
    private final Map<String, Double> parameters;

    static final Map<String, Double> DEFAULTS = Map.ofEntries(Map.entry("a1", 0.17), Map.entry("a2", 0.17),
            Map.entry("b", 0.05), Map.entry("vp", 0.16), Map.entry("vn", 0.15), Map.entry("ap", 4000.0),
            Map.entry("an", 4000.0), Map.entry("xp", 0.3), Map.entry("xn", 0.5), Map.entry("alphap", 1.0),
            Map.entry("alphan", 5.0), Map.entry("eta", 1.0), Map.entry("x0", 0.11));

    private final double a1;
    private final double a2;
    private final double b;
    private final double vp;
    private final double vn;
    private final double ap;
    private final double an;
    private final double xp;
    private final double xn;
    private final double alphap;
    private final double alphan;
    private final double eta;

    public Yakopcic(Map<String, Double> given) {
        this(new Parameters("yakopcic", DEFAULTS, given));
    }

    private Yakopcic(Parameters ps) {
        super(ps.get("x0"));
        this.parameters = ps.values();
        a1 = ps.get("a1");
        a2 = ps.get("a2");
        b = ps.get("b");
        vp = ps.get("vp");
        vn = ps.get("vn");
        ap = ps.get("ap");
        an = ps.get("an");
        xp = ps.get("xp");
        xn = ps.get("xn");
        alphap = ps.get("alphap");
        alphan = ps.get("alphan");
        eta = ps.get("eta");
    }

    @Override
    public Map<String, Double> parameters() {
        return parameters;
    }

    @Override
    public String kind() {
        return "yakopcic";
    }

    @Override
    public boolean hasSeparableCurrent() {
        return true;
    }

    /** x. */
    @Override
    public double currentStateFactor(double x) {
        return x;
    }

    @Override
    public double currentStateFactorSlope(double x) {
        return 1;
    }

    /** a1·sinh(b·v) for v ≥ 0, a2·sinh(b·v) below. */
    @Override
    public double currentVoltageFactor(double v) {
        return (v >= 0 ? a1 : a2) * Math.sinh(b * v);
    }

    @Override
    public String currentVoltageFactorExpression(String v) {
        return String.format(java.util.Locale.ROOT, "((%s) >= 0 ? %.17g : %.17g)*sinh(%.17g*(%s))", v, a1, a2, b, v);
    }

    @Override
    public double currentVoltageFactorSlope(double v) {
        return (v >= 0 ? a1 : a2) * b * Math.cosh(b * v);
    }

    /** Analytic derivatives for every parameter. */
    @Override
    public boolean parameterDerivative(String name, double v, double x, MemristorPoint out) {
        double sh = Math.sinh(b * v);
        double a = v >= 0 ? a1 : a2;
        double g;
        if (v > vp) {
            g = ap * (Math.exp(v) - Math.exp(vp));
        } else if (v < -vn) {
            g = -an * (Math.exp(-v) - Math.exp(vn));
        } else {
            g = 0;
        }
        // the motion limit f and its partials in xp, alphap (v >= 0) or xn, alphan (v < 0)
        double f = 1;
        double dfdxp = 0;
        double dfdalphap = 0;
        double dfdxn = 0;
        double dfdalphan = 0;
        if (v >= 0) {
            if (x >= xp) {
                double e = Math.exp(-alphap * (x - xp));
                double w = (xp - x) / (1 - xp) + 1;
                f = e * w;
                dfdalphap = -(x - xp) * e * w;
                dfdxp = alphap * e * w + e * (1 - x) / ((1 - xp) * (1 - xp));
            }
        } else if (x <= 1 - xn) {
            double e = Math.exp(alphan * (x + xn - 1));
            double w = x / (1 - xn);
            f = e * w;
            dfdalphan = (x + xn - 1) * e * w;
            dfdxn = alphan * e * w + e * x / ((1 - xn) * (1 - xn));
        }
        double di = 0;
        double df = 0;
        switch (name) {
            case "a1":
                di = v >= 0 ? x * sh : 0;
                break;
            case "a2":
                di = v < 0 ? x * sh : 0;
                break;
            case "b":
                di = x * a * v * Math.cosh(b * v);
                break;
            case "ap":
                df = v > vp ? eta * (Math.exp(v) - Math.exp(vp)) * f : 0;
                break;
            case "an":
                df = v < -vn ? -eta * (Math.exp(-v) - Math.exp(vn)) * f : 0;
                break;
            case "vp":
                df = v > vp ? -eta * ap * Math.exp(vp) * f : 0;
                break;
            case "vn":
                df = v < -vn ? eta * an * Math.exp(vn) * f : 0;
                break;
            case "xp":
                df = eta * g * dfdxp;
                break;
            case "xn":
                df = eta * g * dfdxn;
                break;
            case "alphap":
                df = eta * g * dfdalphap;
                break;
            case "alphan":
                df = eta * g * dfdalphan;
                break;
            case "eta":
                df = g * f;
                break;
            default:
                return false;
        }
        out.current = di;
        out.rate = df;
        return true;
    }

    @Override
    public void evaluate(double v, double x, MemristorPoint out) {
        double u = currentVoltageFactor(v);
        double i = x * u;
        double didv = x * currentVoltageFactorSlope(v);
        double didx = u;
        double g;
        double dg;
        if (v > vp) {
            g = ap * (Math.exp(v) - Math.exp(vp));
            dg = ap * Math.exp(v);
        } else if (v < -vn) {
            g = -an * (Math.exp(-v) - Math.exp(vn));
            dg = an * Math.exp(-v);
        } else {
            g = 0;
            dg = 0;
        }
        double f;
        double df;
        if (v >= 0) {
            if (x >= xp) {
                double e = Math.exp(-alphap * (x - xp));
                double w = (xp - x) / (1 - xp) + 1;
                f = e * w;
                df = -alphap * e * w - e / (1 - xp);
            } else {
                f = 1;
                df = 0;
            }
        } else {
            if (x <= 1 - xn) {
                double e = Math.exp(alphan * (x + xn - 1));
                double w = x / (1 - xn);
                f = e * w;
                df = alphan * e * w + e / (1 - xn);
            } else {
                f = 1;
                df = 0;
            }
        }
        out.set(i, didv, didx, eta * g * f, eta * dg * f, eta * g * df);
    }

    /** Registers the model (META-INF/services). */
    public static final class Provider implements MemristorModelProvider {
        @Override
        public String name() {
            return "yakopcic";
        }

        @Override
        public int level() {
            return 3;
        }

        @Override
        public MemristorModel create(Map<String, Double> given) {
            return new Yakopcic(given);
        }
    }
}
