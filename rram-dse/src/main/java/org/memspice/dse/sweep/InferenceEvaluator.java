package org.memspice.dse.sweep;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.memspice.dse.infer.Inference;
import org.memspice.dse.infer.InferenceResult;
import org.memspice.dse.infer.MappedNetwork;
import org.memspice.dse.infer.MappingReport;
import org.memspice.dse.infer.Tally;
import org.memspice.dse.net.PlainNetwork;
import org.memspice.memprop.data.Dataset;

/**
 * A point's result: the network mapped at the point and the test images run through it, on the
 * calling thread (a sweep worker). Metrics: accuracy and its counts, energy per inference by
 * part, latency, tiles, utilization, converters, reads, conversions, ADC overflow and DAC
 * clipping rates.
 */
public final class InferenceEvaluator implements PointEvaluator {
    private final PlainNetwork net;
    private final Dataset calibrationData;
    private final int[] calibration;
    private final Dataset test;
    private final int[] images;

    /** {@code calibration} indexes {@code calibrationData}; {@code images} index {@code test}. */
    public InferenceEvaluator(PlainNetwork net, Dataset calibrationData, int[] calibration, Dataset test, int[] images) {
        this.net = net;
        this.calibrationData = calibrationData;
        this.calibration = calibration;
        this.test = test;
        this.images = images;
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
}
