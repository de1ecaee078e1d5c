package org.memspice.spice.analysis;

import java.util.ArrayList;
import java.util.List;
import org.memspice.spice.circuit.Analysis;
import org.memspice.spice.circuit.Circuit;
import org.memspice.spice.measure.MeasureResult;
import org.memspice.spice.measure.Measurements;
import org.memspice.spice.output.Waveforms;

/** Runs every analysis a circuit asks for, in netlist order. */
public final class Simulator {
    /** The waveforms of one analysis, how they were computed, and its .measure results. */
    public record Result(Waveforms waveforms, Statistics statistics, List<MeasureResult> measures) {
    }

    private Simulator() {
    }

    public static List<Result> run(Circuit circuit) {
        return run(circuit, Progress.NONE);
    }

    /** Runs every analysis, telling {@code progress} how far long ones have come. */
    public static List<Result> run(Circuit circuit, Progress progress) {
        if (circuit.analyses().isEmpty()) {
            throw new SimulationException("the netlist asks for no analysis: add .op, .dc or .tran");
        }
        long t0 = System.nanoTime();
        MnaSystem system = new MnaSystem(circuit);
        double setup = (System.nanoTime() - t0) / 1e9;
        List<Result> results = new ArrayList<>();
        for (Analysis a : circuit.analyses()) {
            Result r = run(system, a, progress);
            r.statistics().setupSeconds = setup;
            results.add(r);
        }
        return results;
    }

    /**
     * The vectors {@code analysis} will record, before it runs (so that a caller can check its own
     * requests, such as the vectors to plot, first); a bad .print or .measure vector fails here.
     */
    public static List<String> plannedVectors(MnaSystem system, Analysis analysis) {
        Circuit circuit = system.circuit();
        String kind = kind(analysis);
        return new OutputVectors(circuit, circuit.outputsFor(kind), circuit.measureVectors(kind)).names();
    }

    private static String kind(Analysis analysis) {
        return analysis instanceof Analysis.Tran ? "tran" : analysis instanceof Analysis.Dc ? "dc" : "op";
    }

    /** Runs one analysis on the circuit's MNA system. */
    public static Result run(MnaSystem system, Analysis analysis) {
        return run(system, analysis, Progress.NONE);
    }

    /** Runs one analysis on the circuit's MNA system, reporting progress. */
    public static Result run(MnaSystem system, Analysis analysis, Progress progress) {
        return run(system, analysis, progress, null);
    }

    /**
     * As {@link #run(MnaSystem, Analysis, Progress)}, handing the rows to {@code follower} (null for
     * none) as they are recorded: block by block during a transient, at the end for .op and .dc.
     * The caller ends the following with {@link Waveforms#finishFollowing} once this returns.
     */
    public static Result run(MnaSystem system, Analysis analysis, Progress progress, Waveforms.Follower follower) {
        Circuit circuit = system.circuit();
        if (analysis instanceof Analysis.Tran && ((Analysis.Tran) analysis).uic()) {
            Topology.check(system, true, java.util.Map.of());
        } else {
            Topology.check(system, false, analysis instanceof Analysis.Tran ? circuit.initialConditions()
                    : java.util.Map.of());
        }
        String kind = kind(analysis);
        OutputVectors outputs = new OutputVectors(circuit, circuit.outputsFor(kind), circuit.measureVectors(kind));
        Waveforms w;
        Statistics s;
        if (analysis instanceof Analysis.Tran) {
            TransientAnalysis tran = new TransientAnalysis(system, (Analysis.Tran) analysis, progress);
            tran.setFollower(follower);
            w = tran.run(outputs);
            s = tran.statistics();
        } else if (analysis instanceof Analysis.Dc) {
            DcAnalysis dc = new DcAnalysis(system, progress);
            w = dc.sweep((Analysis.Dc) analysis, outputs);
            s = dc.statistics();
        } else {
            DcAnalysis dc = new DcAnalysis(system, progress);
            w = dc.operatingPoint(outputs);
            s = dc.statistics();
        }
        if (follower != null && !(analysis instanceof Analysis.Tran)) {
            w.follow(follower);
        }
        return new Result(w, s, Measurements.evaluate(circuit.measures(), w));
    }
}
