package org.memspice.dse.net;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.memspice.dse.DseInputException;
import org.memspice.memprop.net.Shape;
import org.memspice.spice.output.AtomicFiles;

/**
 * The plain network format: a folder with {@code network.txt} and one weight and one bias file
 * per weighted layer. network.txt holds, after {@code #} comments,
 *
 * <pre>
 * memspice-network 1
 * input C H W
 * dense N weights=FILE bias=FILE
 * conv N kernel=K stride=S pad=P groups=G weights=FILE bias=FILE
 * relu
 * gap
 * </pre>
 *
 * (gap: global average pooling). A dense layer's weight file has N rows of the flattened
 * input's size (channel-major c, y, x); a convolution's has N rows of (C/G)·K·K values, each
 * output channel's kernel over its group's input channels in (c, ky, kx) order: PyTorch's
 * {@code weight.reshape(N, -1)}. Bias files hold N values. Files are CSV or .npy ({@link ArrayFiles}).
 */
public final class NetworkFiles {
    public static final String FILE = "network.txt";

    private NetworkFiles() {
    }

    /** Reads a network folder (or its network.txt). */
    public static PlainNetwork read(Path folderOrFile) {
        Path file = Files.isDirectory(folderOrFile) ? folderOrFile.resolve(FILE) : folderOrFile;
        Path dir = file.toAbsolutePath().getParent();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new DseInputException(file + ": no such network file (a network folder holds " + FILE + ")");
        } catch (IOException e) {
            throw new DseInputException(file + ": cannot read (" + e.getMessage() + ")");
        }
        Shape input = null;
        Shape shape = null;
        boolean header = false;
        List<Layer> layers = new ArrayList<>();
        for (int li = 0; li < lines.size(); li++) {
            String where = file + ":" + (li + 1);
            String text = lines.get(li);
            int hash = text.indexOf('#');
            text = (hash >= 0 ? text.substring(0, hash) : text).trim();
            if (text.isEmpty()) {
                continue;
            }
            String[] words = text.split("\\s+");
            String word = words[0].toLowerCase(Locale.ROOT);
            if (!header) {
                if (!word.equals("memspice-network") || words.length != 2 || !words[1].equals("1")) {
                    throw new DseInputException(where + ": expected 'memspice-network 1' as the first line");
                }
                header = true;
                continue;
            }
            try {
                if (word.equals("input")) {
                    if (input != null || words.length != 4) {
                        throw new DseInputException(where + ": one 'input C H W' line, before the layers");
                    }
                    input = new Shape(positive(words[1], where, "C"), positive(words[2], where, "H"), positive(words[3], where, "W"));
                    shape = input;
                    continue;
                }
                if (shape == null) {
                    throw new DseInputException(where + ": 'input C H W' must come before the layers");
                }
                Shape before = shape;
                Layer layer;
                try {
                    layer = switch (word) {
                    case "relu" -> noOptions(words, where, new Relu());
                    case "gap" -> noOptions(words, where, new GlobalAvgPool());
                    case "dense" -> dense(words, shape, dir, where);
                    case "conv" -> conv(words, shape, dir, where);
                    default -> throw new DseInputException(where + ": unknown layer '" + words[0]
                            + "' (input, dense, conv, relu, gap)");
                    };
                } catch (DseInputException e) {
                    throw e.getMessage().startsWith(where) ? e
                            : new DseInputException(where + ": " + word + " on an input of " + before + " (" + before.size()
                                    + " values): " + e.getMessage());
                }
                layers.add(layer);
                shape = layer.output(shape);
            } catch (IllegalArgumentException e) {
                throw new DseInputException(where + ": " + e.getMessage());
            }
        }
        if (input == null || layers.isEmpty()) {
            throw new DseInputException(file + ": no " + (input == null ? "'input' line" : "layers"));
        }
        try {
            return new PlainNetwork(input, layers);
        } catch (IllegalArgumentException e) {
            throw new DseInputException(file + ": " + e.getMessage());
        }
    }

    private static Layer noOptions(String[] words, String where, Layer l) {
        if (words.length != 1) {
            throw new DseInputException(where + ": '" + words[0] + "' takes no values");
        }
        return l;
    }

    private static Dense dense(String[] words, Shape in, Path dir, String where) {
        if (words.length < 2) {
            throw new DseInputException(where + ": 'dense N weights=FILE bias=FILE'");
        }
        int n = positive(words[1], where, "N");
        String[] files = files(words, 2, where, List.of());
        Dense d = new Dense(in, n);
        System.arraycopy(ArrayFiles.read(dir.resolve(files[0]), n * in.size(), in.size()), 0, d.weights(), 0, n * in.size());
        System.arraycopy(ArrayFiles.read(dir.resolve(files[1]), n, 0), 0, d.bias(), 0, n);
        return d;
    }

    private static Conv conv(String[] words, Shape in, Path dir, String where) {
        if (words.length < 2) {
            throw new DseInputException(where + ": 'conv N kernel=K stride=S pad=P groups=G weights=FILE bias=FILE'");
        }
        int n = positive(words[1], where, "N");
        int kernel = 0;
        int stride = 1;
        int pad = 0;
        int groups = 1;
        for (String[] kv : ArrayFiles.options(words, 2)) {
            String key = kv[0].toLowerCase(Locale.ROOT);
            if (key.equals("weights") || key.equals("bias")) {
                continue;
            }
            if (kv[1] == null) {
                throw new DseInputException(where + ": '" + kv[0] + "' needs a value (" + kv[0] + "=...)");
            }
            switch (key) {
                case "kernel" -> kernel = positive(kv[1], where, "kernel");
                case "stride" -> stride = positive(kv[1], where, "stride");
                case "pad" -> pad = nonNegative(kv[1], where, "pad");
                case "groups" -> groups = positive(kv[1], where, "groups");
                default -> throw new DseInputException(where + ": unknown conv option '" + kv[0]
                        + "' (kernel, stride, pad, groups, weights, bias)");
            }
        }
        if (kernel == 0) {
            throw new DseInputException(where + ": conv needs kernel=K");
        }
        String[] files = files(words, 2, where, List.of("kernel", "stride", "pad", "groups"));
        Conv c = new Conv(in, n, kernel, stride, pad, groups);
        int perGroup = in.channels() / groups * kernel * kernel;
        double[] kernels = ArrayFiles.read(dir.resolve(files[0]), n * perGroup, perGroup);
        int k = c.inputs();
        int ng = n / groups;
        for (int o = 0; o < n; o++) {
            int first = (o / ng) * perGroup;
            System.arraycopy(kernels, o * perGroup, c.weights(), o * k + first, perGroup);
        }
        System.arraycopy(ArrayFiles.read(dir.resolve(files[1]), n, 0), 0, c.bias(), 0, n);
        return c;
    }

    private static String[] files(String[] words, int skip, String where, List<String> others) {
        String weights = null;
        String bias = null;
        for (String[] kv : ArrayFiles.options(words, skip)) {
            String key = kv[0].toLowerCase(Locale.ROOT);
            if (key.equals("weights")) {
                weights = kv[1];
            } else if (key.equals("bias")) {
                bias = kv[1];
            } else if (!others.contains(key)) {
                throw new DseInputException(where + ": unknown option '" + kv[0] + "' (weights=FILE bias=FILE)");
            }
        }
        if (weights == null || bias == null || weights.isEmpty() || bias.isEmpty()) {
            throw new DseInputException(where + ": needs weights=FILE and bias=FILE");
        }
        return new String[] {weights, bias};
    }

    private static int positive(String s, String where, String what) {
        int v = nonNegative(s, where, what);
        if (v < 1) {
            throw new DseInputException(where + ": " + what + " must be at least 1, got " + s);
        }
        return v;
    }

    private static int nonNegative(String s, String where, String what) {
        try {
            int v = Integer.parseInt(s);
            if (v < 0 || v > 1_000_000) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new DseInputException(where + ": " + what + " must be a whole number 0-1000000, got '" + s + "'");
        }
    }

    /**
     * A digest of a network folder's files (names and bytes, in name order): what identifies the
     * network in a sweep's point keys, so changed weights are computed again.
     */
    public static String digest(Path folderOrFile) {
        Path dir = Files.isDirectory(folderOrFile) ? folderOrFile : folderOrFile.toAbsolutePath().getParent();
        try (var files = Files.list(dir)) {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                    .sorted().toList()) {
                md.update(f.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                md.update(Files.readAllBytes(f));
            }
            return java.util.HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (IOException e) {
            throw new DseInputException(dir + ": cannot read (" + e.getMessage() + ")");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** Writes {@code net} into {@code dir} (created if missing), each file atomically, with comment lines. */
    public static void write(Path dir, PlainNetwork net, List<String> comments) throws IOException {
        Files.createDirectories(dir);
        StringBuilder txt = new StringBuilder();
        for (String c : comments) {
            txt.append("# ").append(c).append('\n');
        }
        txt.append("memspice-network 1\n");
        Shape in = net.input();
        txt.append("input ").append(in.channels()).append(' ').append(in.rows()).append(' ').append(in.cols()).append('\n');
        int k = 0;
        for (Layer l : net.layers()) {
            if (l instanceof Weighted w) {
                k++;
                String wf = "layer" + k + ".weights.csv";
                String bf = "layer" + k + ".bias.csv";
                int perGroup = w.groupInputs();
                double[] kernels = new double[w.outputs() * perGroup];
                for (int o = 0; o < w.outputs(); o++) {
                    int first = (o / w.groupOutputs()) * perGroup;
                    System.arraycopy(w.weights(), o * w.inputs() + first, kernels, o * perGroup, perGroup);
                }
                AtomicFiles.writeText(dir.resolve(wf), ArrayFiles.csv(kernels, perGroup));
                AtomicFiles.writeText(dir.resolve(bf), ArrayFiles.csv(w.bias(), w.outputs()));
                txt.append(l.describe()).append(" weights=").append(wf).append(" bias=").append(bf).append('\n');
            } else {
                txt.append(l.describe()).append('\n');
            }
        }
        AtomicFiles.writeText(dir.resolve(FILE), txt.toString());
    }
}
