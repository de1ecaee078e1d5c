package org.memspice.cli.mif;

import java.awt.Color;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.memspice.cli.ExitCodes;
import org.memspice.cli.UserInputException;
import org.memspice.mif.MifParameters;
import org.memspice.mif.Trace;
import org.memspice.mif.characterize.MifCharacterization;
import org.memspice.mif.characterize.RefractoryCurve;
import org.memspice.mif.characterize.ResponseCurve;
import org.memspice.mif.characterize.SpikeShape;
import org.memspice.spice.output.AtomicFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code memspice mif characterize}: spike shape with its three phases, response versus input
 * strength, and the refractory curve, as PNG figures and CSV tables.
 */
@Command(name = "characterize", mixinStandardHelpOptions = true,
        description = {"Draw the MIF neuron's spike shape, response curve and refractory curve.",
            "Stepped model, from rest: the spike with its depolarization, hyperpolarization and",
            "repolarization phases; peak, latency and undershoot versus input strength with the firing",
            "threshold; and the response to a second input versus its delay (refractory period).",
            "Writes spike_shape, response and refractory .png and .csv."})
public final class CharacterizeCommand implements Callable<Integer> {
    @Option(names = {"-o", "--output"}, defaultValue = "mif-characterization", paramLabel = "DIR",
            description = "folder for the figures and tables (default ${DEFAULT-VALUE})")
    Path dir;

    @Option(names = "--input", defaultValue = "20e-6", description = "peak synaptic current of the spike-shape and"
            + " refractory inputs, A (default ${DEFAULT-VALUE})")
    double input;

    @Option(names = "--min-input", defaultValue = "1e-6", description = "smallest input of the response curve, A (default ${DEFAULT-VALUE})")
    double minInput;

    @Option(names = "--max-input", defaultValue = "1e-3", description = "largest input of the response curve, A (default ${DEFAULT-VALUE})")
    double maxInput;

    @Option(names = "--points", defaultValue = "31", description = "inputs on the response curve, log-spaced (default ${DEFAULT-VALUE})")
    int points;

    @Option(names = "--max-delay", defaultValue = "40e-3", description = "longest delay of the second input, s (default ${DEFAULT-VALUE})")
    double maxDelay;

    @Option(names = "--delays", defaultValue = "40", description = "delays on the refractory curve (default ${DEFAULT-VALUE})")
    int delays;

    @Option(names = "--step", defaultValue = "2e-6", description = "time step of the stepped model, s (default ${DEFAULT-VALUE})")
    double step;

    @Option(names = "--window", defaultValue = "30e-3", description = "time each response is observed, s (default ${DEFAULT-VALUE})")
    double window;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!(minInput > 0 && maxInput > minInput) || points < 2 || delays < 2 || !(maxDelay > 0) || !(step > 0)
                || !(window > 10 * step) || !(input > 0)) {
            throw new UserInputException("need 0 < --min-input < --max-input, --points >= 2, --delays >= 2,"
                    + " --max-delay > 0, --input > 0, --step > 0 and --window > 10 steps");
        }
        MifParameters p = MifParameters.prototype();
        MifCharacterization c = new MifCharacterization(p, step, window);
        Files.createDirectories(dir);
        PrintWriter out = spec.commandLine().getOut();

        SpikeShape shape = c.spikeShape(input);
        writeShape(shape, p);
        out.printf(Locale.ROOT, "rest %.3f mV; input %.3g A: peak %.3f mV at %.3f ms, undershoot to %.3f mV at %.3f ms,"
                + " back within 10 %% of rest at %.3f ms%n", 1e3 * shape.rest(), input, 1e3 * shape.peak(),
                ms(shape.peakTime() - shape.inputTime()), 1e3 * shape.trough(), ms(shape.troughTime() - shape.inputTime()),
                ms(shape.recoveredTime() - shape.inputTime()));

        double[] q = new double[points];
        for (int k = 0; k < points; k++) {
            q[k] = minInput * Math.pow(maxInput / minInput, k / (points - 1.0));
        }
        ResponseCurve r = c.response(q);
        writeResponse(r, p);
        out.printf(Locale.ROOT, "threshold input (peak reaches %.0f mV): %.4g A; latency from %.3f ms to %.3f ms,"
                + " undershoot from %.3f mV to %.3f mV over the inputs%n", 1e3 * p.spikeThreshold(), r.thresholdInput(),
                ms(r.latency()[0]), ms(r.latency()[points - 1]), 1e3 * r.undershoot()[0], 1e3 * r.undershoot()[points - 1]);

        double[] d = new double[delays];
        for (int k = 0; k < delays; k++) {
            d[k] = maxDelay * (k + 1) / delays;
        }
        RefractoryCurve rc = c.refractory(input, d);
        writeRefractory(rc);
        out.printf(Locale.ROOT, "second input: %.0f %% of a lone response at %.3f ms, %.0f %% at %.3f ms%n",
                100 * rc.relative(0), ms(d[0]), 100 * rc.relative(delays - 1), ms(d[delays - 1]));
        out.println("wrote " + dir.resolve("spike_shape.png") + ", response.png, refractory.png and their .csv tables");
        return ExitCodes.OK;
    }

    private static double ms(double s) {
        return 1e3 * s;
    }

    private static String phase(SpikeShape s, double t) {
        if (t < s.inputTime()) {
            return "rest";
        } else if (t <= s.peakTime()) {
            return "depolarization";
        } else if (t <= s.troughTime()) {
            return "hyperpolarization";
        } else if (t <= s.recoveredTime()) {
            return "repolarization";
        }
        return "recovered";
    }

    private void writeShape(SpikeShape s, MifParameters p) throws IOException {
        Trace t = s.trace();
        StringBuilder sb = new StringBuilder("time_s,v_V,x1,x2,phase\n");
        for (int k = 0; k < t.time().length; k++) {
            sb.append(String.format(Locale.ROOT, "%.9g,%.9g,%.9g,%.9g,%s%n", t.time()[k], t.v()[k], t.x1()[k], t.x2()[k],
                    phase(s, t.time()[k])));
        }
        AtomicFiles.writeText(dir.resolve("spike_shape.csv"), sb.toString());
        XYPlot v = Charts.panel("membrane v (mV)", false, Charts.series("v", t.time(), t.v(), 1e3, 1e3));
        v.addRangeMarker(Charts.line(1e3 * s.rest(), "rest", Color.DARK_GRAY));
        v.addRangeMarker(Charts.line(1e3 * p.spikeThreshold(), "read-out threshold", Color.RED));
        band(v, s.inputTime(), s.peakTime(), "depolarization", new Color(255, 220, 200));
        band(v, s.peakTime(), s.troughTime(), "hyperpolarization", new Color(210, 225, 255));
        band(v, s.troughTime(), s.recoveredTime(), "repolarization", new Color(215, 245, 215));
        XYPlot x = Charts.panel("memristor state x", false, Charts.series("x1 (to E1)", t.time(), t.x1(), 1e3, 1),
                Charts.series("x2 (to E2)", t.time(), t.x2(), 1e3, 1));
        JFreeChart chart = Charts.stacked(String.format(Locale.ROOT, "MIF spike shape, input %.3g A peak synaptic current",
                input), Charts.linear("time (ms)"), v, x);
        Charts.save(chart, dir.resolve("spike_shape.png"), 1000, 700);
    }

    private static void band(XYPlot plot, double from, double to, String label, Color color) {
        if (!(to > from)) {
            return;
        }
        IntervalMarker m = new IntervalMarker(1e3 * from, 1e3 * to, color);
        m.setLabel(label);
        m.setLabelFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 11));
        m.setLabelAnchor(RectangleAnchor.TOP);
        m.setLabelTextAnchor(TextAnchor.TOP_CENTER);
        plot.addDomainMarker(m, Layer.BACKGROUND);
    }

    private void writeResponse(ResponseCurve r, MifParameters p) throws IOException {
        StringBuilder sb = new StringBuilder("input_peak_current_A,peak_v_V,latency_s,undershoot_V,spike\n");
        for (int k = 0; k < r.input().length; k++) {
            sb.append(String.format(Locale.ROOT, "%.9g,%.9g,%.9g,%.9g,%b%n", r.input()[k], r.peak()[k], r.latency()[k],
                    r.undershoot()[k], r.spiked()[k]));
        }
        AtomicFiles.writeText(dir.resolve("response.csv"), sb.toString());
        XYPlot peak = Charts.panel("spike peak (mV)", true, Charts.series("peak", r.input(), r.peak(), 1, 1e3));
        peak.addRangeMarker(Charts.line(1e3 * p.spikeThreshold(), "read-out threshold", Color.RED));
        XYPlot latency = Charts.panel("latency to peak (ms)", true, Charts.series("latency", r.input(), r.latency(), 1, 1e3));
        XYPlot under = Charts.panel("undershoot below rest (mV)", true,
                Charts.series("undershoot", r.input(), r.undershoot(), 1, 1e3));
        for (XYPlot plot : new XYPlot[] {peak, latency, under}) {
            if (Double.isFinite(r.thresholdInput())) {
                plot.addDomainMarker(Charts.line(r.thresholdInput(), "threshold", Color.RED));
            }
        }
        JFreeChart chart = Charts.stacked("MIF response versus input strength (graded: peak and latency follow the input)",
                Charts.log("input: peak synaptic current (A)"), peak, latency, under);
        Charts.save(chart, dir.resolve("response.png"), 1000, 900);
    }

    private void writeRefractory(RefractoryCurve r) throws IOException {
        StringBuilder sb = new StringBuilder("delay_s,second_response_V,relative_amplitude\n");
        double[] rel = new double[r.delay().length];
        for (int k = 0; k < r.delay().length; k++) {
            rel[k] = r.relative(k);
            sb.append(String.format(Locale.ROOT, "%.9g,%.9g,%.9g%n", r.delay()[k], r.secondResponse()[k], rel[k]));
        }
        AtomicFiles.writeText(dir.resolve("refractory.csv"), sb.toString());
        XYPlot plot = Charts.panel("second response / lone response", true,
                Charts.series("relative amplitude", r.delay(), rel, 1e3, 1));
        plot.addRangeMarker(Charts.line(1, "lone response", Color.DARK_GRAY));
        JFreeChart chart = Charts.stacked(String.format(Locale.ROOT,
                "MIF refractory period: second input of %.3g A after a first", input), Charts.linear("delay (ms)"), plot);
        Charts.save(chart, dir.resolve("refractory.png"), 1000, 500);
    }
}
