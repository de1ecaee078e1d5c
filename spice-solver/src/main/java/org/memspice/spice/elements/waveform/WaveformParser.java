package org.memspice.spice.elements.waveform;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.memspice.spice.element.ElementCard;
import org.memspice.spice.netlist.Token;

/**
 * Reads the value part of an independent source line:
 * {@code [DC] value [AC mag [phase]] [PULSE(...) | SIN(...) | EXP(...) | PWL(...) [r=..] [td=..]]}.
 */
public final class WaveformParser {
    private WaveformParser() {
    }

    public static Waveform parse(ElementCard card) {
        Double dc = null;
        Waveform fn = null;
        while (card.hasNext()) {
            Token t = card.peek();
            boolean assigned = card.peek(1) != null && card.peek(1).is(Token.Kind.EQUALS);
            if (t.isWord("dc")) {
                card.next("dc");
                if (assigned) {
                    card.next("=");
                }
                dc = card.value("DC value");
            } else if (t.isWord("ac")) {
                // the small-signal magnitude and phase: only an AC analysis reads them
                card.next("ac");
                if (assigned) {
                    card.next("=");
                }
                card.value("AC magnitude");
                if (card.nextIsValue()) {
                    card.value("AC phase");
                }
            } else if (t.isWord("distof1") || t.isWord("distof2")) {
                // distortion inputs: only a .disto analysis reads them
                card.next("distortion input");
                card.value(t.text() + " magnitude");
                if (card.nextIsValue()) {
                    card.value(t.text() + " phase");
                }
            } else if (t.is(Token.Kind.WORD) && isFunction(t.text()) && !assigned) {
                if (fn != null) {
                    throw card.error(t, "more than one transient function on one source");
                }
                card.next("function");
                fn = function(card, t);
            } else if (card.nextIsValue()) {
                if (dc != null) {
                    throw card.error(t, "a second DC value '" + t + "'");
                }
                dc = card.value("DC value");
            } else {
                throw card.error(t, "expected DC value, AC, or PULSE/SIN/EXP/PWL, found '" + t + "'");
            }
        }
        if (fn == null) {
            return new Constant(dc == null ? 0 : dc);
        }
        if (dc == null) {
            return fn;
        }
        return new WithDcValue(fn, dc);
    }

    private static boolean isFunction(String w) {
        String s = w.toLowerCase(Locale.ROOT);
        return s.equals("pulse") || s.equals("sin") || s.equals("exp") || s.equals("pwl");
    }

    private static Waveform function(ElementCard card, Token name) {
        String kind = name.text().toLowerCase(Locale.ROOT);
        boolean paren = card.peek() != null && card.peek().is(Token.Kind.LPAREN);
        if (paren) {
            card.next("(");
        }
        List<Double> args = new ArrayList<>();
        while (card.hasNext()) {
            Token t = card.peek();
            if (t.is(Token.Kind.COMMA)) {
                card.next(",");
                continue;
            }
            if (paren && t.is(Token.Kind.RPAREN)) {
                break;
            }
            if (!card.nextIsValue()) {
                break;
            }
            args.add(card.value(kind.toUpperCase(Locale.ROOT) + " parameter"));
        }
        if (paren) {
            Token close = card.next("')' closing " + kind.toUpperCase(Locale.ROOT));
            if (!close.is(Token.Kind.RPAREN)) {
                throw card.error(close, "expected ')' closing " + kind.toUpperCase(Locale.ROOT) + ", found '" + close + "'");
            }
        }
        double[] p = args.stream().mapToDouble(Double::doubleValue).toArray();
        try {
            switch (kind) {
                case "pulse":
                    need(card, name, p, 2, "PULSE(v1 v2 [td tr tf pw per np])");
                    return new Pulse(p);
                case "sin":
                    need(card, name, p, 2, "SIN(vo va [freq td theta phase])");
                    return new Sine(p);
                case "exp":
                    need(card, name, p, 2, "EXP(v1 v2 [td1 tau1 td2 tau2])");
                    return new Exponential(p);
                default:
                    return pwl(card, name, p);
            }
        } catch (IllegalArgumentException e) {
            throw card.error(name, e.getMessage());
        }
    }

    private static Waveform pwl(ElementCard card, Token name, double[] p) {
        if (p.length < 2 || p.length % 2 != 0) {
            throw card.error(name, "PWL needs time-value pairs, got " + p.length + " numbers");
        }
        double[] t = new double[p.length / 2];
        double[] v = new double[p.length / 2];
        for (int i = 0; i < t.length; i++) {
            t[i] = p[2 * i];
            v[i] = p[2 * i + 1];
        }
        double repeat = Double.NaN;
        double delay = 0;
        while (card.hasNext() && card.peek().is(Token.Kind.WORD) && card.peek(1) != null
                && card.peek(1).is(Token.Kind.EQUALS)) {
            Token key = card.next("r= or td=");
            card.next("=");
            if (key.isWord("r")) {
                repeat = card.value("PWL repeat time");
            } else if (key.isWord("td")) {
                delay = card.value("PWL delay");
            } else {
                throw card.error(key, "PWL takes r= and td=, not '" + key.text() + "='");
            }
        }
        try {
            return new PiecewiseLinear(t, v, repeat, delay);
        } catch (IllegalArgumentException e) {
            throw card.error(name, e.getMessage());
        }
    }

    private static void need(ElementCard card, Token name, double[] p, int min, String form) {
        if (p.length < min) {
            throw card.error(name, "expected " + form + ", got " + p.length + " value(s)");
        }
    }

    /** A transient function with an explicit DC value for DC analyses. */
    private static final class WithDcValue implements Waveform {
        private final Waveform fn;
        private final double dc;

        WithDcValue(Waveform fn, double dc) {
            this.fn = fn;
            this.dc = dc;
        }

        @Override
        public double value(double t) {
            return fn.value(t);
        }

        @Override
        public double dcValue() {
            return dc;
        }

        @Override
        public void prepare(double tstep, double tstop, java.util.function.DoubleConsumer breakpoints) {
            fn.prepare(tstep, tstop, breakpoints);
        }
    }
}
