package org.memspice.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.memspice.spice.analysis.MnaSystem;
import org.memspice.spice.circuit.Circuit;
import org.memspice.spice.circuit.SensRequest;
import org.memspice.spice.output.AtomicFiles;
import org.memspice.spice.sensitivity.Sensitivity;
import org.memspice.spice.sensitivity.SensitivityResult;

/** The {@code .sens} part of {@code memspice sim}: runs the cards and writes or prints their table. */
final class SensTable {
    private SensTable() {
    }

    /** Before the run: {@code --sens} needs a .sens card and a writable file. */
    static void check(Circuit circuit, Path file) {
        if (file == null) {
            return;
        }
        if (circuit.sensitivities().isEmpty()) {
            throw new UserInputException("--sens writes the results of .sens cards, and the netlist has none (add for"
                    + " example .sens v(out) r1 c1)");
        }
        String why = AtomicFiles.whyNotWritable(file);
        if (why != null) {
            throw new UserInputException("cannot write " + file + ": " + why);
        }
    }

    /** Runs every .sens card; the table goes to {@code file} (atomically) or, without one, to {@code out}. */
    static void run(MnaSystem system, Path file, PrintWriter out, PrintWriter err, boolean stats) {
        if (system == null || system.circuit().sensitivities().isEmpty()) {
            return;
        }
        List<SensitivityResult> results = new ArrayList<>();
        for (SensRequest req : system.circuit().sensitivities()) {
            SensitivityResult r = Sensitivity.run(system, req);
            results.add(r);
            if (stats) {
                err.printf(java.util.Locale.ROOT, "sens %s: %d parameters; forward %.3f s, sensitivities %.3f s (%.2fx the"
                        + " forward); %d steps, %d re-solved from checkpoints%n", req.line().location(),
                        r.parameters().size(), r.forwardSeconds(), r.sensitivitySeconds(),
                        r.sensitivitySeconds() / r.forwardSeconds(), r.steps(), r.recomputedSteps());
            }
        }
        String table = Sensitivity.table(results);
        if (file == null) {
            out.print("Sensitivities:\n" + table);
            return;
        }
        try {
            AtomicFiles.writeText(file, table);
        } catch (IOException e) {
            throw new UserInputException("cannot write " + file + ": " + (e.getMessage() == null ? e.toString()
                    : e.getMessage()));
        }
    }
}
