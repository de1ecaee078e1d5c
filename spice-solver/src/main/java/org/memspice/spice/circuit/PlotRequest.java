package org.memspice.spice.circuit;

import java.util.List;

/**
 * A {@code .plot [tran|dc] Y1 [Y2 ...] vs X} request: one panel drawing the Y vectors against X
 * (an I-V loop, for example). Without {@code vs} a .plot line only selects vectors, like .print.
 */
public record PlotRequest(List<String> y, String x) {
}
