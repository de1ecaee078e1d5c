package org.memspice.cli.dse;

import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import org.memspice.dse.infer.Si;

/** Axis tick labels with SI prefixes (2.5 µJ, 40 ns). */
public final class SiFormat extends NumberFormat {
    private static final long serialVersionUID = 1L;
    private final String unit;

    public SiFormat(String unit) {
        this.unit = unit;
    }

    @Override
    public StringBuffer format(double number, StringBuffer toAppendTo, FieldPosition pos) {
        return toAppendTo.append(number == 0 ? "0" : Si.format(number, unit));
    }

    @Override
    public StringBuffer format(long number, StringBuffer toAppendTo, FieldPosition pos) {
        return format((double) number, toAppendTo, pos);
    }

    @Override
    public Number parse(String source, ParsePosition parsePosition) {
        return null;
    }
}
