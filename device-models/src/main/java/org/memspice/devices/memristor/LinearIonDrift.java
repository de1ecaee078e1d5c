package org.memspice.devices.memristor;

import java.util.Map;

/**
 * HP linear ion drift memristor (Strukov, Snider, Stewart and Williams, "The missing memristor
 * found", Nature 453, 2008): R(x) = Ron·x + Roff·(1 − x), i = v/R(x),
 * dx/dt = µv·Ron/D² · i · F(x, i) with a {@link Window} (WT: 0 none, 1 Joglekar, 2 Biolek,
 * 3 Prodromakis). Defaults are the paper's: Ron 100 Ω, Roff 16 kΩ, D 10 nm, µv 1e-14 m²/(V·s);
 * window Joglekar with p = 1, x0 = 0.1. State x in [0, 1].
 */
public final class LinearIonDrift extends UnitIntervalModel implements OhmicCurrent {
    private final Map<String, Double> parameters;

    static final Map<String, Double> DEFAULTS = Map.of("ron", 100.0, "roff", 16e3, "d", 10e-9, "uv", 1e-14,
            "wt", 1.0, "p", 1.0, "j", 1.0, "x0", 0.1);

    private final double ron;
    private final double roff;
    private final double k;
    private final double uv;
    private final double d;
    private final Window window;
    private final double p;
    private final double j;

    public LinearIonDrift(Map<String, Double> given) {
        this(new Parameters("hp", DEFAULTS, given));
    }

    private LinearIonDrift(Parameters ps) {
        super(ps.get("x0"));
        this.parameters = ps.values();
        ron = ps.get("ron");
        roff = ps.get("roff");
        uv = ps.get("uv");
        d = ps.get("d");
        k = uv * ron / (d * d);
        window = Window.of(ps.get("wt"));
        p = ps.get("p");
        j = ps.get("j");
    }

    @Override
    public Map<String, Double> parameters() {
        return parameters;
    }

    /** The window number, and its exponent p (an integer: the windows raise a negative base to 2p). */
    @Override
    public java.util.Set<String> discreteParameters() {
        return java.util.Set.of("wt", "p");
    }

    @Override
    public String kind() {
        return "hp";
    }

    /** 1/R(x). */
    @Override
    public double currentStateFactor(double x) {
        return 1 / (ron * x + roff * (1 - x));
    }

    @Override
    public double currentStateFactorSlope(double x) {
        double r = ron * x + roff * (1 - x);
        return -(ron - roff) / (r * r);
    }

    /** Analytic for every continuous parameter: ron, roff, uv, d and the window's scale j (p is discrete). */
    @Override
    public boolean parameterDerivative(String name, double v, double x, MemristorPoint out) {
        double r = ron * x + roff * (1 - x);
        double i = v / r;
        double f = window.value(x, p, j, Math.signum(i));
        double di;
        double df;
        switch (name) {
            case "ron":
                di = -v * x / (r * r);
                df = uv / (d * d) * i * f + k * di * f;
                break;
            case "roff":
                di = -v * (1 - x) / (r * r);
                df = k * di * f;
                break;
            case "uv":
                di = 0;
                df = ron / (d * d) * i * f;
                break;
            case "d":
                di = 0;
                df = -2 * k / d * i * f;
                break;
            case "j":
                di = 0;
                df = k * i * window.scaleDerivative(x, p);
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
        ohmicCurrent(v, x, out);
        double i = out.current;
        double didv = out.dCurrentDv;
        double didx = out.dCurrentDx;
        double sign = Math.signum(i);
        double f = window.value(x, p, j, sign);
        double df = window.derivative(x, p, j, sign);
        out.set(i, didv, didx, k * i * f, k * didv * f, k * (didx * f + i * df));
    }

    /** Registers the model (META-INF/services). */
    public static final class Provider implements MemristorModelProvider {
        @Override
        public String name() {
            return "hp";
        }

        @Override
        public java.util.List<String> aliases() {
            return java.util.List.of("linear_ion_drift");
        }

        @Override
        public int level() {
            return 1;
        }

        @Override
        public MemristorModel create(Map<String, Double> given) {
            return new LinearIonDrift(given);
        }
    }
}
