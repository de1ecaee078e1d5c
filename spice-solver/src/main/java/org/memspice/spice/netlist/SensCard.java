package org.memspice.spice.netlist;

import java.util.ArrayList;
import java.util.List;
import org.memspice.spice.circuit.SensRequest;

/**
 * Reads {@code .sens OBJECTIVE [parameters...]}. The objective is one word at parenthesis depth 0
 * ({@code v(out)}, {@code -log(exp(max(v(a)))/(...))}), or an expression in braces or single
 * quotes when it has spaces; the parameters follow, separated by spaces ({@code r1},
 * {@code ym1:x0}, {@code mymodel:ap}). ngspice's DC form {@code .sens v(out)} differentiates the
 * operating point; with a {@code .dc} sweep, every sweep point; with a {@code .tran} in the
 * netlist memspice differentiates the transient (the extension: measurements at(), integ(),
 * max(), min() of the objective).
 */
final class SensCard {
    private SensCard() {
    }

    static SensRequest parse(SourceLine line) {
        String text = line.text();
        int i = text.toLowerCase(java.util.Locale.ROOT).indexOf(".sens") + 5;
        i = skip(text, i);
        if (i >= text.length()) {
            throw new NetlistException(line, i, ".sens needs an objective, as in .sens v(out) or .sens {integ(v(out))} r1");
        }
        int start = i;
        String objective;
        char open = text.charAt(i);
        if (open == '{' || open == '\'') {
            char close = open == '{' ? '}' : '\'';
            int end = text.indexOf(close, i + 1);
            if (end < 0) {
                throw new NetlistException(line, i, "the objective's " + open + " is not closed");
            }
            objective = text.substring(i + 1, end).trim();
            i = end + 1;
            start++;
        } else {
            int depth = 0;
            int j = i;
            while (j < text.length() && (depth > 0 || !Character.isWhitespace(text.charAt(j)))) {
                char c = text.charAt(j);
                if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                    if (depth < 0) {
                        throw new NetlistException(line, j, "unbalanced ')' in the .sens objective");
                    }
                }
                j++;
            }
            if (depth != 0) {
                throw new NetlistException(line, i, "unbalanced '(' in the .sens objective");
            }
            objective = text.substring(i, j);
            i = j;
        }
        if (objective.isEmpty()) {
            throw new NetlistException(line, start, ".sens has an empty objective");
        }
        List<String> params = new ArrayList<>();
        List<Integer> columns = new ArrayList<>();
        i = skip(text, i);
        while (i < text.length()) {
            int j = i;
            while (j < text.length() && !Character.isWhitespace(text.charAt(j))) {
                j++;
            }
            params.add(text.substring(i, j).toLowerCase(java.util.Locale.ROOT));
            columns.add(i);
            i = skip(text, j);
        }
        return new SensRequest(objective, start, params, columns, line);
    }

    private static int skip(String text, int i) {
        while (i < text.length() && (Character.isWhitespace(text.charAt(i)) || text.charAt(i) == ',')) {
            i++;
        }
        return i;
    }
}
