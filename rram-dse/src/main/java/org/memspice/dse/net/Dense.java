package org.memspice.dse.net;

import org.memspice.memprop.net.Shape;

/** A fully connected layer on the flattened input. */
public record Dense(Shape in, int outputs, double[] weights, double[] bias) implements Weighted {
    public Dense {
        if (outputs < 1 || weights.length != (long) outputs * in.size() || bias.length != outputs) {
            throw new IllegalArgumentException("dense layer " + in.size() + " -> " + outputs + " with " + weights.length
                    + " weights and " + bias.length + " biases");
        }
    }

    public Dense(Shape in, int outputs) {
        this(in, outputs, new double[outputs * in.size()], new double[outputs]);
    }

    @Override
    public Shape out() {
        return new Shape(outputs, 1, 1);
    }

    @Override
    public Shape output(Shape input) {
        return out();
    }

    @Override
    public int inputs() {
        return in.size();
    }

    @Override
    public int groups() {
        return 1;
    }

    @Override
    public int positions() {
        return 1;
    }

    @Override
    public void gather(double[] input, int position, double[] x) {
        System.arraycopy(input, 0, x, 0, x.length);
    }

    @Override
    public void scatterGradient(double[] dx, int position, double[] dInput) {
        for (int i = 0; i < dx.length; i++) {
            dInput[i] += dx[i];
        }
    }

    @Override
    public String describe() {
        return "dense " + outputs;
    }
}
