package org.memspice.cli.dse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.memspice.spice.output.AtomicFiles;

/**
 * Extra sections of a DSE report: HTML fragments that other commands (such as {@code sc sweep
 * --report DIR}) leave in DIR/sections/NAME.html. A report includes every fragment there, in name
 * order, each between markers, and a command that writes a fragment later splices it into an
 * existing report.html between the same markers (replacing its earlier version).
 */
public final class ReportSections {
    /** The folder of fragments beside a report. */
    public static final String FOLDER = "sections";

    private ReportSections() {
    }

    static String begin(String name) {
        return "<!-- begin section " + name + " -->\n";
    }

    static String end(String name) {
        return "<!-- end section " + name + " -->\n";
    }

    /** Every fragment of {@code dir}/sections, wrapped in its markers (empty without any). */
    public static String collect(Path dir) throws IOException {
        Path folder = dir.resolve(FOLDER);
        if (!Files.isDirectory(folder)) {
            return "";
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".html")).sorted().collect(Collectors.toList());
        }
        StringBuilder sb = new StringBuilder();
        for (Path f : files) {
            String name = f.getFileName().toString();
            sb.append(begin(name)).append(Files.readString(f, StandardCharsets.UTF_8)).append(end(name));
        }
        return sb.toString();
    }

    /**
     * Writes fragment {@code name} into {@code dir}/sections and, when {@code dir}/report.html
     * exists, splices it in: in place of its earlier version, else before the configuration
     * heading, else before the end of the body. Returns whether a report was updated.
     */
    public static boolean publish(Path dir, String name, String html) throws IOException {
        Files.createDirectories(dir.resolve(FOLDER));
        AtomicFiles.writeText(dir.resolve(FOLDER).resolve(name), html);
        Path report = dir.resolve("report.html");
        if (!Files.isRegularFile(report)) {
            return false;
        }
        String page = Files.readString(report, StandardCharsets.UTF_8);
        String block = begin(name) + html + end(name);
        int from = page.indexOf(begin(name));
        int to = page.indexOf(end(name));
        String updated;
        if (from >= 0 && to > from) {
            updated = page.substring(0, from) + block + page.substring(to + end(name).length());
        } else {
            int at = page.indexOf("<h2>Configuration</h2>");
            if (at < 0) {
                at = page.lastIndexOf("</body>");
            }
            if (at < 0) {
                at = page.length();
            }
            updated = page.substring(0, at) + block + page.substring(at);
        }
        AtomicFiles.writeText(report, updated);
        return true;
    }
}
