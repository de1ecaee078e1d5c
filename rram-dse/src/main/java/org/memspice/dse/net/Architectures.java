package org.memspice.dse.net;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.memspice.memprop.net.Shape;

/**
 * The reference networks {@code memspice dse train-reference} trains, with He-uniform initial
 * weights from a seed: an MLP of any sizes, a small CNN, and a depthwise-separable CNN (whose
 * depthwise layers are the sparse connectivity the sparse mapping scheme packs).
 */
public final class Architectures {
    private Architectures() {
    }

    /** Dense layers of the given sizes (the first is the input size), ReLU between them. */
    public static PlainNetwork mlp(Shape input, int[] sizes) {
        if (sizes.length < 2) {
            throw new IllegalArgumentException("an MLP needs at least an input and an output size");
        }
        if (sizes[0] != input.size()) {
            throw new IllegalArgumentException("the first size " + sizes[0] + " is not the data's " + input.size() + " pixels");
        }
        List<Layer> layers = new ArrayList<>();
        Shape s = input;
        for (int l = 1; l < sizes.length; l++) {
            if (sizes[l] < 1 || sizes[l] > 100_000) {
                throw new IllegalArgumentException("layer size " + sizes[l] + " is not in 1-100000");
            }
            Dense d = new Dense(s, sizes[l]);
            layers.add(d);
            s = d.out();
            if (l + 1 < sizes.length) {
                layers.add(new Relu());
            }
        }
        return new PlainNetwork(input, layers);
    }

    /** conv 8 5x5 stride 2, ReLU, conv 16 3x3 stride 2, ReLU, dense to the classes (784-1152-400-10 on MNIST). */
    public static PlainNetwork cnn(Shape input, int classes) {
        List<Layer> layers = new ArrayList<>();
        Conv c1 = new Conv(input, 8, 5, 2, 0, 1);
        Conv c2 = new Conv(c1.out(), 16, 3, 2, 0, 1);
        layers.add(c1);
        layers.add(new Relu());
        layers.add(c2);
        layers.add(new Relu());
        layers.add(new Dense(c2.out(), classes));
        return new PlainNetwork(input, layers);
    }

    /**
     * A depthwise-separable CNN in the MobileNet pattern: conv 16 3x3, then twice a depthwise
     * 3x3 stride-2 convolution (one kernel per channel) and a pointwise 1x1 convolution (16 to 32,
     * 32 to 64 channels), global average pooling and a dense layer to the classes.
     */
    public static PlainNetwork depthwise(Shape input, int classes) {
        List<Layer> layers = new ArrayList<>();
        Conv stem = new Conv(input, 16, 3, 1, 1, 1);
        Conv dw1 = new Conv(stem.out(), 16, 3, 2, 1, 16);
        Conv pw1 = new Conv(dw1.out(), 32, 1, 1, 0, 1);
        Conv dw2 = new Conv(pw1.out(), 32, 3, 2, 1, 32);
        Conv pw2 = new Conv(dw2.out(), 64, 1, 1, 0, 1);
        for (Layer l : new Layer[] {stem, new Relu(), dw1, new Relu(), pw1, new Relu(), dw2, new Relu(), pw2, new Relu()}) {
            layers.add(l);
        }
        layers.add(new GlobalAvgPool());
        layers.add(new Dense(new Shape(64, 1, 1), classes));
        return new PlainNetwork(input, layers);
    }

    /** He-uniform weights (bound √(6/fan-in) over each output's group), zero biases. */
    public static void initialize(PlainNetwork net, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        for (Weighted w : net.weighted()) {
            double bound = Math.sqrt(6.0 / w.groupInputs());
            double[] weights = w.weights();
            java.util.Arrays.fill(weights, 0);
            for (int o = 0; o < w.outputs(); o++) {
                for (int i = 0; i < w.inputs(); i++) {
                    if (w.connected(o, i)) {
                        weights[o * w.inputs() + i] = bound * (2 * r.nextDouble() - 1);
                    }
                }
            }
            java.util.Arrays.fill(w.bias(), 0);
        }
    }
}
