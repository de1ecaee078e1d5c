package org.memspice.dse.infer;

import java.util.List;

/**
 * What a mapping costs in hardware, per weighted layer and in total: tiles, the cells that hold
 * blocks (formed and programmed) against all cells of those tiles (utilization), row DACs and
 * column ADCs, reads and ADC conversions per inference, and the layer's latency (its tiles read
 * in parallel, reads of one tile in sequence: t_read plus the shared ADC's conversions).
 */
public record MappingReport(List<Layer> layers) {
    /** One weighted layer's figures. */
    public record Layer(String name, int tiles, long usedCells, long totalCells, long connectionCells, int dacs, int adcs,
            long readsPerInference, long conversionsPerInference, double latency) {
        public double utilization() {
            return totalCells == 0 ? 0 : usedCells / (double) totalCells;
        }
    }

    public int tiles() {
        return layers.stream().mapToInt(Layer::tiles).sum();
    }

    public long usedCells() {
        return layers.stream().mapToLong(Layer::usedCells).sum();
    }

    public long totalCells() {
        return layers.stream().mapToLong(Layer::totalCells).sum();
    }

    public double utilization() {
        long t = totalCells();
        return t == 0 ? 0 : usedCells() / (double) t;
    }

    public int dacs() {
        return layers.stream().mapToInt(Layer::dacs).sum();
    }

    public int adcs() {
        return layers.stream().mapToInt(Layer::adcs).sum();
    }

    /** Seconds per inference, layers one after another. */
    public double latency() {
        return layers.stream().mapToDouble(Layer::latency).sum();
    }

    /** Tiles, cells and utilization per layer, for arrays read without converters (memprop networks). */
    public String cellTable() {
        StringBuilder sb = new StringBuilder(String.format(java.util.Locale.ROOT, "%-34s %6s %12s %8s%n", "layer", "tiles",
                "cells used", "util %"));
        for (Layer l : layers) {
            sb.append(String.format(java.util.Locale.ROOT, "%-34s %6d %12d %8.2f%n", l.name(), l.tiles(), l.usedCells(),
                    100 * l.utilization()));
        }
        sb.append(String.format(java.util.Locale.ROOT, "%-34s %6d %12d %8.2f%n", "total", tiles(), usedCells(), 100 * utilization()));
        return sb.toString();
    }

    /** A table for the console. */
    public String table() {
        StringBuilder sb = new StringBuilder(String.format(java.util.Locale.ROOT, "%-34s %6s %12s %8s %7s %7s %10s %12s%n",
                "layer", "tiles", "cells used", "util %", "DACs", "ADCs", "reads/inf", "latency"));
        for (Layer l : layers) {
            sb.append(String.format(java.util.Locale.ROOT, "%-34s %6d %12d %8.2f %7d %7d %10d %12s%n", l.name(), l.tiles(),
                    l.usedCells(), 100 * l.utilization(), l.dacs(), l.adcs(), l.readsPerInference(), Si.format(l.latency(), "s")));
        }
        sb.append(String.format(java.util.Locale.ROOT, "%-34s %6d %12d %8.2f %7d %7d %10s %12s%n", "total", tiles(), usedCells(),
                100 * utilization(), dacs(), adcs(), "", Si.format(latency(), "s")));
        return sb.toString();
    }
}
