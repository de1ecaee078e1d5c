package org.memspice.memprop.net;

import org.memspice.devices.memristor.MemristorModel;

/**
 * How a synapse turns the voltage on its row into current: I = W·φ(V), with W the synapse's
 * conductance at the nominal read voltage. Ideal synapses are ohmic (φ(V) = V); a memristor whose
 * current factors as s(x)·u(V) reads φ(V) = V_r·u(V)/u(V_r), its own I-V shape scaled so that
 * φ(V_r) = V_r (so W is its conductance at V_r in either case).
 */
public interface ReadFunction {
    double value(double v);

    double slope(double v);

    /** Ohmic: φ(V) = V. */
    ReadFunction OHMIC = new ReadFunction() {
        @Override
        public double value(double v) {
            return v;
        }

        @Override
        public double slope(double v) {
            return 1;
        }

        @Override
        public String toString() {
            return "ohmic";
        }
    };

    /**
     * A memristive array's rows: a row driver puts limit·tanh(V/fullScale) on the row for an input
     * V (bounded, so reads never exceed the devices' quiet voltage), and the device's current
     * factors as s(x)·u(V_row); φ(V) = V_r·u(limit·tanh(V/fullScale))/u(V_r).
     */
    static ReadFunction driven(MemristorModel model, double vRead, double limit, double fullScale) {
        ReadFunction device = of(model, vRead);
        return new ReadFunction() {
            @Override
            public double value(double v) {
                return device.value(limit * Math.tanh(v / fullScale));
            }

            @Override
            public double slope(double v) {
                double t = Math.tanh(v / fullScale);
                return device.slope(limit * t) * limit * (1 - t * t) / fullScale;
            }

            @Override
            public String toString() {
                return model.kind() + " I-V behind row drivers of ±" + limit + " V";
            }
        };
    }

    /** The I-V shape of a device model with a separable current, normalized at vRead. */
    static ReadFunction of(MemristorModel model, double vRead) {
        if (!model.hasSeparableCurrent()) {
            throw new IllegalArgumentException(model.kind() + ": its current does not factor as s(x)·u(V), which memprop's crossbar reads need");
        }
        double scale = vRead / model.currentVoltageFactor(vRead);
        if (!Double.isFinite(scale) || scale == 0) {
            throw new IllegalArgumentException(model.kind() + ": no current at the read voltage " + vRead + " V");
        }
        return new ReadFunction() {
            @Override
            public double value(double v) {
                return scale * model.currentVoltageFactor(v);
            }

            @Override
            public double slope(double v) {
                return scale * model.currentVoltageFactorSlope(v);
            }

            @Override
            public String toString() {
                return model.kind() + " I-V";
            }
        };
    }
}
