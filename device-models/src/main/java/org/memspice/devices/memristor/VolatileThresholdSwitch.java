package org.memspice.devices.memristor;

import java.util.Map;

/**
 * Volatile threshold-switching memristor of the memristive integrate-and-fire neuron (Kang et al.,
 * IEEE TCAS-I 68(12), 2021, after the Knowm metastable-switch model of Molter and Nugent,
 * arXiv 1608.04659, with the thermal voltage replaced by a width k and the off threshold sign
 * flipped): G = x/Ron + (1 − x)/Roff, I = G·v,
 * dx/dt = (1/τ)·[(1 − x)·σ((v − Von)/k) − x·σ((Voff − v)/k)], σ(z) = 1/(1 + e^(−z)).
 * It turns on above about Von and relaxes off when the voltage falls below Voff. Defaults are
 * the authors' prototype values (see shared/design/MIF.md): Ron 1 kΩ, Roff 100 kΩ, Von 110 mV,
 * Voff 5 mV, k 15 mV, τ 1 ms, x0 0.0238.
 */
public final class VolatileThresholdSwitch extends UnitIntervalModel implements OhmicCurrent {
    private final Map<String, Double> parameters;

    static final Map<String, Double> DEFAULTS = Map.of("ron", 1e3, "roff", 100e3, "von", 0.11, "voff", 0.005,
            "k", 0.015, "tau", 1e-3, "x0", 0.0238);

    private final double gon;
    private final double goff;
    private final double von;
    private final double voff;
    private final double k;
    private final double tau;
    private final double offOnRatio;

    public VolatileThresholdSwitch(Map<String, Double> given) {
        this(new Parameters("threshold", DEFAULTS, given));
    }

    private VolatileThresholdSwitch(Parameters ps) {
        super(ps.get("x0"));
        gon = 1 / ps.get("ron");
        this.parameters = ps.values();
        goff = 1 / ps.get("roff");
        von = ps.get("von");
        voff = ps.get("voff");
        k = ps.get("k");
        tau = ps.get("tau");
        offOnRatio = Math.exp((voff - von) / k);
        if (!(offOnRatio > 0 && Double.isFinite(offOnRatio))) {
            throw new IllegalArgumentException("threshold memristor: (voff - von)/k = " + (voff - von) / k
                    + " is outside [-700, 700]; check von, voff and k");
        }
    }

    @Override
    public Map<String, Double> parameters() {
        return parameters;
    }

    @Override
    public String kind() {
        return "threshold";
    }

    /** G(x) = x/Ron + (1 − x)/Roff. */
    @Override
    public double currentStateFactor(double x) {
        return x * gon + (1 - x) * goff;
    }

    @Override
    public double currentStateFactorSlope(double x) {
        return gon - goff;
    }

    /** Analytic derivatives for every parameter. */
    @Override
    public boolean parameterDerivative(String name, double v, double x, MemristorPoint out) {
        double zOn = (v - von) / k;
        double zOff = (voff - v) / k;
        double s1 = sigmoid(zOn);
        double s2 = sigmoid(zOff);
        double ds1 = s1 * sigmoid(-zOn); // σ'(z) = σ(z)·σ(−z)
        double ds2 = s2 * sigmoid(-zOff);
        double di = 0;
        double df = 0;
        switch (name) {
            case "ron":
                di = -x * v * gon * gon;
                break;
            case "roff":
                di = -(1 - x) * v * goff * goff;
                break;
            case "von":
                df = (1 - x) * ds1 * (-1 / k) / tau;
                break;
            case "voff":
                df = -x * ds2 * (1 / k) / tau;
                break;
            case "k":
                df = ((1 - x) * ds1 * (-zOn / k) - x * ds2 * (-zOff / k)) / tau;
                break;
            case "tau":
                df = -((1 - x) * s1 - x * s2) / (tau * tau);
                break;
            default:
                return false;
        }
        out.current = di;
        out.rate = df;
        return true;
    }

    private static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    @Override
    public void evaluate(double v, double x, MemristorPoint out) {
        double g = currentStateFactor(x);
        // both sigmoids from one exponential: σ(zOn) = e/(1 + e) and σ(zOff) = c/(e + c) with
        // e = exp(zOn), c = exp(zOn + zOff) = exp((Voff − Von)/k), since zOn + zOff is constant
        double zOn = (v - von) / k;
        double s1;
        double s2;
        double s1c; // 1 − σ(zOn)
        double s2c; // 1 − σ(zOff)
        if (zOn < 700) {
            double e = Math.exp(zOn);
            s1 = e / (1 + e);
            s1c = 1 / (1 + e);
            s2 = offOnRatio / (e + offOnRatio);
            s2c = e / (e + offOnRatio);
        } else {
            s1 = 1;
            s1c = Math.exp(-zOn);
            s2 = 0;
            s2c = 1;
        }
        double rate = ((1 - x) * s1 - x * s2) / tau;
        double dRatedv = ((1 - x) * s1 * s1c / k + x * s2 * s2c / k) / tau;
        double dRatedx = (-s1 - s2) / tau;
        out.set(g * v, g, v * (gon - goff), rate, dRatedv, dRatedx);
    }

    /** Registers the model (META-INF/services). */
    public static final class Provider implements MemristorModelProvider {
        @Override
        public String name() {
            return "threshold";
        }

        @Override
        public int level() {
            return 7;
        }

        @Override
        public MemristorModel create(Map<String, Double> given) {
            return new VolatileThresholdSwitch(given);
        }
    }
}
