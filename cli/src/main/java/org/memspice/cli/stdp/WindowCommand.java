package org.memspice.cli.stdp;

import java.awt.Color;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.memspice.cli.ExitCodes;
import org.memspice.cli.UserInputException;
import org.memspice.cli.mif.Charts;
import org.memspice.devices.memristor.MemristorModel;
import org.memspice.spice.output.AtomicFiles;
import org.memspice.stdp.SynapseSettings;
import org.memspice.stdp.WindowScan;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code memspice stdp window}: the conductance change one pair of MIF spikes leaves on the
 * synapse device, against Δt = t_post − t_pre and against the starting conductance.
 */
@Command(name = "window", mixinStandardHelpOptions = true,
        description = {"The STDP window the synapse device produces under MIF spike waveforms.",
            "Simulate pairs of MIF spikes (pre at t, post at t + dt) through the synapse device and",
            "tabulate and plot the read-conductance change against dt and against the starting conductance.",
            "Writes window.csv, window.png and window_vs_g.png into DIR; the last line is the headline."})
public final class WindowCommand implements Callable<Integer> {
    @Option(names = {"-o", "--output"}, defaultValue = "stdp-window", paramLabel = "DIR",
            description = "folder for the figures and the table (default ${DEFAULT-VALUE})")
    Path dir;

    @Mixin
    SynapseOptions synapse;

    @Option(names = "--span", defaultValue = "50e-3", description = "largest |dt|, s (default ${DEFAULT-VALUE})")
    double span;

    @Option(names = "--points", defaultValue = "101", description = "values of dt from -span to +span (default ${DEFAULT-VALUE})")
    int points;

    @Option(names = "--states", defaultValue = "5",
            description = "starting states, evenly from 10 %% to 90 %% of the device range (default ${DEFAULT-VALUE})")
    int states;

    @Option(names = "--step", defaultValue = "2e-6", description = "time step of the waveform simulation, s (default ${DEFAULT-VALUE})")
    double step;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!(span > 0) || span > 0.2) {
            throw new UserInputException("--span must be in (0, 0.2] s, got " + span);
        }
        if (points < 3 || points > 2001) {
            throw new UserInputException("--points must be 3..2001, got " + points);
        }
        if (states < 1 || states > 41) {
            throw new UserInputException("--states must be 1..41, got " + states);
        }
        SynapseSettings s = synapse.settings(step);
        MemristorModel m = s.device();
        double lo = m.minState();
        double hi = m.maxState();
        double[] x0 = states == 1 ? new double[] {0.5 * (lo + hi)} : WindowScan.grid(lo + 0.1 * (hi - lo), lo + 0.9 * (hi - lo), states);
        double[] dt = WindowScan.grid(-span, span, points);
        Files.createDirectories(dir);
        WindowScan w = WindowScan.run(s, dt, x0);
        writeCsv(w);
        double largest = 0;
        for (double[] row : w.dg()) {
            for (double v : row) {
                largest = Math.max(largest, Math.abs(v));
            }
        }
        Charts.Si gs = Charts.si(largest);
        Charts.Si g0s = Charts.si(w.g0()[w.g0().length - 1]);
        XYSeries[] byState = new XYSeries[x0.length];
        for (int q = 0; q < x0.length; q++) {
            double[] col = new double[dt.length];
            for (int k = 0; k < dt.length; k++) {
                col[k] = w.dg()[k][q];
            }
            byState[q] = Charts.series(String.format(Locale.ROOT, "G0 = %.3g %s (x0 = %.2f)", w.g0()[q] * g0s.scale(),
                    g0s.unit("S"), x0[q]), dt, col, 1e3, gs.scale());
        }
        XYPlot plot = Charts.panel("conductance change ΔG (" + gs.unit("S") + ")", false, byState);
        plot.addRangeMarker(Charts.line(0, "", Color.DARK_GRAY));
        JFreeChart chart = Charts.stacked(String.format(Locale.ROOT, "STDP window of the %s synapse under MIF spike waveforms",
                s.model()), Charts.linear("Δt = t_post − t_pre (ms)"), plot);
        Charts.save(chart, dir.resolve("window.png"), 1000, 600);

        double[] picks = {-20e-3, -10e-3, -5e-3, 5e-3, 10e-3, 20e-3};
        java.util.List<XYSeries> byDt = new java.util.ArrayList<>();
        java.util.Set<Integer> drawn = new java.util.HashSet<>();
        for (double pick : picks) {
            int k = w.nearest(pick);
            if (drawn.add(k)) {
                byDt.add(Charts.series(String.format(Locale.ROOT, "Δt = %+.1f ms", 1e3 * dt[k]), w.g0(), w.dg()[k], g0s.scale(),
                        gs.scale()));
            }
        }
        XYPlot vsG = Charts.panel("conductance change ΔG (" + gs.unit("S") + ")", true, byDt.toArray(new XYSeries[0]));
        vsG.addRangeMarker(Charts.line(0, "", Color.DARK_GRAY));
        Charts.save(Charts.stacked(String.format(Locale.ROOT, "STDP of the %s synapse against its starting conductance",
                s.model()), Charts.linear("starting read conductance G0 (" + g0s.unit("S") + ")"), vsG),
                dir.resolve("window_vs_g.png"), 1000, 600);

        PrintWriter out = spec.commandLine().getOut();
        int mid = x0.length / 2;
        double[] up = w.peak(mid, true);
        double[] down = w.peak(mid, false);
        double far = 0;
        for (int k = 0; k < dt.length; k++) {
            if (Math.abs(dt[k]) >= 30e-3 - 1e-12) {
                for (int q = 0; q < x0.length; q++) {
                    far = Math.max(far, Math.abs(w.dg()[k][q] - w.preAlone()[q] - w.postAlone()[q]));
                }
            }
        }
        out.println("lone spikes from G0 = " + Charts.siText(w.g0()[mid], "S", false) + ": pre "
                + Charts.siText(w.preAlone()[mid], "S", true) + ", post " + Charts.siText(w.postAlone()[mid], "S", true));
        out.println("wrote " + dir.resolve("window.csv") + ", window.png and window_vs_g.png");
        out.printf(Locale.ROOT, "%s window from G0 = %s: potentiation up to %s at dt %+.1f ms, depression down to %s at dt"
                + " %+.1f ms, pair interaction beyond |dt| 30 ms at most %s%n", s.model(), Charts.siText(w.g0()[mid], "S", false),
                Charts.siText(up[0], "S", true), 1e3 * up[1], Charts.siText(down[0], "S", true), 1e3 * down[1],
                Charts.siText(far, "S", false));
        return ExitCodes.OK;
    }

    private void writeCsv(WindowScan w) throws IOException {
        StringBuilder sb = new StringBuilder("dt_s,x0,g0_S,dx,dG_S,dG_lone_pre_S,dG_lone_post_S\n");
        for (int k = 0; k < w.dt().length; k++) {
            for (int q = 0; q < w.x0().length; q++) {
                sb.append(String.format(Locale.ROOT, "%.6g,%.6g,%.9g,%.9g,%.9g,%.9g,%.9g%n", w.dt()[k], w.x0()[q], w.g0()[q],
                        w.dx()[k][q], w.dg()[k][q], w.preAlone()[q], w.postAlone()[q]));
            }
        }
        AtomicFiles.writeText(dir.resolve("window.csv"), sb.toString());
    }
}
