import java.nio.file.Path;
import java.util.Locale;
import org.memspice.memprop.data.Dataset;
import org.memspice.memprop.data.Datasets;
import org.memspice.stdp.net.TrainingCheckpoint;

/**
 * How good the synapses an `stdp mnist` run learned are as templates, apart from the spiking
 * read-out: each test image goes to the output whose device states x (as weights, 784 per output)
 * match it best, labels by the most frequent class over the last 10,000 training images the same
 * way, for three matches: the dot product (what a read of equal thresholds measures), the dot
 * product over the synapses' Euclidean norm (cosine) and the dot product with the image less its
 * mean. Compare with the run's own test accuracy: the gap is what the spiking competition (first
 * to fire, thresholds θ, inhibition) loses.
 *   java -cp cli/target/memspice.jar bench/StdpTemplates.java DIR/checkpoint.bin [DATA_DIR]
 */
public class StdpTemplates {
    private static final int PIXELS = 784;

    public static void main(String[] args) throws Exception {
        TrainingCheckpoint c = TrainingCheckpoint.readAnyRun(Path.of(args[0]));
        Path data = Datasets.dataFolder(args.length > 1 ? Path.of(args[1]) : null);
        double[] x = c.network().states();
        double[] theta = c.network().theta();
        int outputs = theta.length;
        Dataset train = Datasets.load(data, Datasets.Kind.MNIST, true);
        Dataset test = Datasets.load(data, Datasets.Kind.MNIST, false);
        double[] norm = new double[outputs];
        for (int j = 0; j < outputs; j++) {
            for (int i = 0; i < PIXELS; i++) {
                norm[j] += x[j * PIXELS + i] * x[j * PIXELS + i];
            }
            norm[j] = Math.sqrt(norm[j]);
        }
        String[] matches = {"dot product", "cosine", "mean-centred image"};
        for (int mode = 0; mode < matches.length; mode++) {
            int[][] votes = new int[outputs][10];
            for (int k = train.size() - 10_000; k < train.size(); k++) {
                votes[best(x, norm, train.images(), k, outputs, mode)][train.labels()[k]]++;
            }
            int[] label = new int[outputs];
            for (int j = 0; j < outputs; j++) {
                for (int cl = 1; cl < 10; cl++) {
                    if (votes[j][cl] > votes[j][label[j]]) {
                        label[j] = cl;
                    }
                }
            }
            int right = 0;
            for (int k = 0; k < test.size(); k++) {
                if (label[best(x, norm, test.images(), k, outputs, mode)] == test.labels()[k]) {
                    right++;
                }
            }
            System.out.printf(Locale.ROOT, "%d outputs after %d images, best match by %s: %.2f %% (%d/%d)%n", outputs,
                    c.imagesDone(), matches[mode], 100.0 * right / test.size(), right, test.size());
        }
    }

    private static int best(double[] x, double[] norm, float[] images, int k, int outputs, int mode) {
        double mean = 0;
        for (int i = 0; i < PIXELS; i++) {
            mean += images[k * PIXELS + i];
        }
        mean = mode == 2 ? mean / PIXELS : 0;
        int best = 0;
        double most = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < outputs; j++) {
            double s = 0;
            for (int i = 0; i < PIXELS; i++) {
                s += x[j * PIXELS + i] * (images[k * PIXELS + i] - mean);
            }
            if (mode == 1) {
                s /= norm[j];
            }
            if (s > most) {
                most = s;
                best = j;
            }
        }
        return best;
    }
}
