package org.memspice.dse.sweep;

import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectStreamException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.stream.Stream;
import org.memspice.dse.DseInputException;
import org.memspice.dse.infer.Inference;
import org.memspice.dse.infer.InferenceResult;
import org.memspice.dse.infer.MappedNetwork;
import org.memspice.dse.infer.MappingReport;
import org.memspice.dse.infer.Tally;
import org.memspice.dse.net.NetworkFiles;
import org.memspice.dse.net.PlainNetwork;
import org.memspice.memprop.data.Dataset;

/**
 * A point's result: the network mapped at the point and the test images run through it, on the
 * calling thread (a sweep worker). Metrics: accuracy and its counts, energy per inference by
 * part, latency, tiles, utilization, converters, reads, conversions, ADC overflow and DAC
 * clipping rates.
 *
 * <p>One made by {@link #forFolder} can be sent to cluster members: it serializes as the network
 * folder's files (the bytes its digest covers) and the calibration and test images it uses, and
 * reads the network back from those files on every machine, the launching one included, so all
 * of them compute from the same bytes.
 */
public final class InferenceEvaluator implements PointEvaluator, Serializable {
    private static final long serialVersionUID = 1L;

    private final transient PlainNetwork net;
    private final transient Dataset calibrationData;
    private final transient int[] calibration;
    private final transient Dataset test;
    private final transient int[] images;
    /** The network folder's files when made by {@link #forFolder}; else null (not sendable). */
    private final transient TreeMap<String, byte[]> networkFiles;

    /** {@code calibration} indexes {@code calibrationData}; {@code images} index {@code test}. */
    public InferenceEvaluator(PlainNetwork net, Dataset calibrationData, int[] calibration, Dataset test, int[] images) {
        this(net, calibrationData, calibration, test, images, null);
    }

    private InferenceEvaluator(PlainNetwork net, Dataset calibrationData, int[] calibration, Dataset test, int[] images,
            TreeMap<String, byte[]> networkFiles) {
        this.net = net;
        this.calibrationData = calibrationData;
        this.calibration = calibration;
        this.test = test;
        this.images = images;
        this.networkFiles = networkFiles;
    }

    /**
     * An evaluator of the network in {@code folder} that can be sent to other machines: it keeps
     * the folder's files (those {@link NetworkFiles#digest} covers) and only the calibration and
     * test images it uses, and reads the network from a copy of those files, so a network whose
     * description refers to files outside its folder is refused here rather than on a member.
     */
    public static InferenceEvaluator forFolder(Path folder, Dataset calibrationData, int[] calibration, Dataset test, int[] images) {
        Path dir = Files.isDirectory(folder) ? folder : folder.toAbsolutePath().getParent();
        TreeMap<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path f : list.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith(".")).toList()) {
                files.put(f.getFileName().toString(), Files.readAllBytes(f));
            }
        } catch (IOException e) {
            throw new DseInputException(dir + ": cannot read (" + e.getMessage() + ")");
        }
        PlainNetwork net;
        try {
            net = readFiles(files);
        } catch (DseInputException e) {
            throw new DseInputException(dir + ": the network does not read from its folder's own files, which are what a"
                    + " cluster sweep sends to its members (" + e.getMessage() + ")");
        }
        Dataset cal = calibrationData.subset(calibration, "");
        Dataset tst = test.subset(images, "");
        return new InferenceEvaluator(net, cal, range(cal.size()), tst, range(tst.size()), files);
    }

    /** The network written into a temporary folder from {@code files} and read from there. */
    private static PlainNetwork readFiles(Map<String, byte[]> files) {
        Path tmp = null;
        try {
            tmp = Files.createTempDirectory("memspice-net");
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                Path target = tmp.resolve(f.getKey()).normalize();
                if (!target.getParent().equals(tmp)) {
                    throw new DseInputException("network file name '" + f.getKey() + "' is not a plain name");
                }
                Files.write(target, f.getValue());
            }
            return NetworkFiles.read(tmp);
        } catch (IOException e) {
            throw new DseInputException("cannot write a temporary copy of the network (" + e.getMessage() + ")");
        } finally {
            if (tmp != null) {
                try (Stream<Path> walk = Files.walk(tmp)) {
                    walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException e) {
                    // a temporary folder left behind
                }
            }
        }
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int k = 0; k < n; k++) {
            r[k] = k;
        }
        return r;
    }

    @Override
    public PointResult evaluate(SweepPoint point) {
        long start = System.nanoTime();
        ExecutorService here = new DirectExecutor();
        int[] cal = calibration.length > point.point().calibrationImages
                ? java.util.Arrays.copyOf(calibration, point.point().calibrationImages) : calibration;
        MappedNetwork mn = MappedNetwork.build(net, point.point(), calibrationData, cal, here);
        InferenceResult r = Inference.run(mn, test, images, here, null, null, 0);
        MappingReport m = mn.report();
        Tally e = r.perImage();
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("accuracy", r.accuracy());
        out.put("correct", (double) r.correct());
        out.put("images", (double) r.count());
        out.put("energy_j", e.totalEnergy());
        out.put("array_energy_j", e.arrayEnergy);
        out.put("dac_energy_j", e.dacEnergy);
        out.put("adc_energy_j", e.adcEnergy);
        out.put("add_energy_j", e.addEnergy);
        out.put("latency_s", m.latency());
        out.put("tiles", (double) m.tiles());
        out.put("used_cells", (double) m.usedCells());
        out.put("utilization", m.utilization());
        out.put("dacs", (double) m.dacs());
        out.put("adcs", (double) m.adcs());
        out.put("reads", (double) e.reads);
        out.put("conversions", (double) e.conversions);
        out.put("adc_overflow_rate", r.overflowRate());
        out.put("dac_clip_rate", r.dacClipRate());
        return new PointResult(out, (System.nanoTime() - start) / 1e9, null);
    }

    /** What travels: the network's files and the images, as plain arrays. */
    private Object writeReplace() throws ObjectStreamException {
        if (networkFiles == null) {
            throw new NotSerializableException("an InferenceEvaluator of a network in memory cannot be sent: make it with forFolder");
        }
        return new Shipped(networkFiles, calibrationData.name(), calibrationData.images(), calibrationData.labels(),
                calibrationData.rows(), calibrationData.cols(), test.name(), test.images(), test.labels(), test.rows(), test.cols());
    }

    private void readObject(ObjectInputStream in) throws NotSerializableException {
        throw new NotSerializableException("an InferenceEvaluator travels as its Shipped form");
    }

    /** The serialized form of an {@link InferenceEvaluator}. */
    private record Shipped(TreeMap<String, byte[]> files, String calibrationName, float[] calibrationImages, byte[] calibrationLabels,
            int calibrationRows, int calibrationCols, String testName, float[] testImages, byte[] testLabels, int testRows, int testCols)
            implements Serializable {
        private Object readResolve() {
            Dataset cal = new Dataset(calibrationName, calibrationImages, calibrationLabels, calibrationRows, calibrationCols);
            Dataset tst = new Dataset(testName, testImages, testLabels, testRows, testCols);
            return new InferenceEvaluator(readFiles(files), cal, range(cal.size()), tst, range(tst.size()), files);
        }
    }
}
