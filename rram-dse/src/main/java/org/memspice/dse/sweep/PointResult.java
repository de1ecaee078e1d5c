package org.memspice.dse.sweep;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a point measured: named numbers in a fixed order (the CSV's columns), the seconds it took
 * (kept out of the CSV, which must not depend on the machine), and an error message when the
 * point could not be simulated.
 */
public record PointResult(Map<String, Double> metrics, double seconds, String error) {
    public PointResult {
        metrics = new LinkedHashMap<>(metrics);
    }

    public static PointResult failed(String message, double seconds) {
        return new PointResult(Map.of(), seconds, message);
    }

    public boolean ok() {
        return error == null;
    }
}
