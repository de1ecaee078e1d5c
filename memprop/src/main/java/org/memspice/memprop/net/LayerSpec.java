package org.memspice.memprop.net;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One layer of synapses feeding a layer of MIF neurons: fully connected ({@code D100}: 100
 * neurons) or a 2-D convolution ({@code C8k5s2p0}: 8 channels, 5x5 kernel, stride 2, no padding;
 * k, s, p default to 3, 1, 0).
 */
public sealed interface LayerSpec permits LayerSpec.Dense, LayerSpec.Conv {
    /** Neurons this layer has for an input of the given shape. */
    Shape outputShape(Shape in);

    /** The compact text form. */
    String text();

    record Dense(int neurons) implements LayerSpec {
        public Dense {
            if (neurons < 1 || neurons > 100_000) {
                throw new IllegalArgumentException("a dense layer needs 1 to 100000 neurons, got " + neurons);
            }
        }

        @Override
        public Shape outputShape(Shape in) {
            return new Shape(neurons, 1, 1);
        }

        @Override
        public String text() {
            return "D" + neurons;
        }
    }

    record Conv(int channels, int kernel, int stride, int padding) implements LayerSpec {
        public Conv {
            if (channels < 1 || channels > 1024 || kernel < 1 || kernel > 15 || stride < 1 || stride > 8 || padding < 0
                    || padding >= kernel) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "convolution C%dk%ds%dp%d: need 1-1024 channels, kernel 1-15, stride 1-8, padding below the kernel",
                        channels, kernel, stride, padding));
            }
        }

        @Override
        public Shape outputShape(Shape in) {
            int h = (in.rows() + 2 * padding - kernel) / stride + 1;
            int w = (in.cols() + 2 * padding - kernel) / stride + 1;
            if (h < 1 || w < 1) {
                throw new IllegalArgumentException("convolution " + text() + " does not fit an input of " + in);
            }
            return new Shape(channels, h, w);
        }

        @Override
        public String text() {
            return "C" + channels + "k" + kernel + "s" + stride + "p" + padding;
        }
    }

    Pattern DENSE = Pattern.compile("[dD](\\d{1,6})");
    Pattern CONV = Pattern.compile("[cC](\\d{1,4})(?:k(\\d{1,2}))?(?:s(\\d))?(?:p(\\d{1,2}))?");

    /** Parses a comma-separated list such as {@code C8k5s2,D100}. */
    static List<LayerSpec> parseList(String text) {
        List<LayerSpec> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String part : text.split(",")) {
            String t = part.trim();
            Matcher d = DENSE.matcher(t);
            Matcher c = CONV.matcher(t);
            if (d.matches()) {
                out.add(new Dense(Integer.parseInt(d.group(1))));
            } else if (c.matches()) {
                out.add(new Conv(Integer.parseInt(c.group(1)), c.group(2) == null ? 3 : Integer.parseInt(c.group(2)),
                        c.group(3) == null ? 1 : Integer.parseInt(c.group(3)), c.group(4) == null ? 0 : Integer.parseInt(c.group(4))));
            } else {
                throw new IllegalArgumentException("layer '" + t + "' is neither D<neurons> nor C<channels>[k<kernel>][s<stride>][p<pad>]");
            }
        }
        return out;
    }

    /** The compact text of a list. */
    static String listText(List<LayerSpec> layers) {
        StringBuilder sb = new StringBuilder();
        for (LayerSpec l : layers) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(l.text());
        }
        return sb.toString();
    }
}
