package org.memspice.spice.measure;

import java.util.ArrayList;
import java.util.List;
import org.memspice.spice.expr.CompiledExpression;
import org.memspice.spice.expr.Expr;
import org.memspice.spice.expr.ExpressionParser;
import org.memspice.spice.expr.Symbols;
import org.memspice.spice.output.Waveforms;

/**
 * What a {@code .measure} reads at every point of an analysis: one recorded vector
 * ({@code v(out)}, {@code i(v1)}), a constant, or an expression of vectors ({@code par('v(a)*i(v1)')}).
 */
public final class Signal {
    private final String text;
    private final List<String> vectors;
    private final CompiledExpression expression;
    private final double constant;

    private Signal(String text, List<String> vectors, CompiledExpression expression, double constant) {
        this.text = text;
        this.vectors = vectors;
        this.expression = expression;
        this.constant = constant;
    }

    /** A recorded vector, named as the output files name it. */
    public static Signal vector(String name) {
        return new Signal(name, List.of(name), null, Double.NaN);
    }

    public static Signal constant(double value) {
        return new Signal(String.valueOf(value), List.of(), null, value);
    }

    /**
     * An expression of vectors: V(a), V(a,b) and I(x) are read from the recording, other names
     * from {@code params}; node and element names go through {@code names}.
     */
    public static Signal expression(String text, Symbols params, java.util.function.UnaryOperator<String> nodeName,
            java.util.function.UnaryOperator<String> elementName) {
        List<String> vectors = new ArrayList<>();
        Symbols symbols = new Symbols() {
            private Expr slot(String vector) {
                int i = vectors.indexOf(vector);
                if (i < 0) {
                    vectors.add(vector);
                    i = vectors.size() - 1;
                }
                return ExpressionParser.variable(i);
            }

            @Override
            public Expr identifier(String name) {
                return params.identifier(name);
            }

            @Override
            public Expr voltage(String plus, String minus) {
                return slot("v(" + nodeName.apply(plus) + (minus == null ? "" : "," + nodeName.apply(minus)) + ")");
            }

            @Override
            public Expr current(String device) {
                return slot("i(" + elementName.apply(device) + ")");
            }

            @Override
            public Expr userFunction(String name, List<Expr> args) {
                return params.userFunction(name, args);
            }
        };
        Expr tree = ExpressionParser.parse(text, symbols);
        return new Signal(text, List.copyOf(vectors), CompiledExpression.compile(tree, vectors.size()), Double.NaN);
    }

    /** The recorded vectors this signal reads. */
    List<String> vectors() {
        return vectors;
    }

    boolean isConstant() {
        return vectors.isEmpty() && expression == null;
    }

    /** This signal read from the rows of {@code w}: resolves its vectors to columns once. */
    Reader reader(Waveforms w) {
        int[] columns = new int[vectors.size()];
        for (int k = 0; k < columns.length; k++) {
            columns[k] = w.indexOf(vectors.get(k));
            if (columns[k] < 0) {
                throw new IllegalStateException("the " + w.analysis() + " analysis did not record " + vectors.get(k));
            }
        }
        return new Reader(columns);
    }

    /** Reads the signal at the row a cursor stands on. */
    final class Reader {
        private final int[] columns;
        private final double[] in;

        private Reader(int[] columns) {
            this.columns = columns;
            this.in = new double[columns.length];
        }

        double at(Waveforms.Cursor c) {
            if (isConstant()) {
                return constant;
            }
            if (expression == null) {
                return c.value(columns[0]);
            }
            for (int k = 0; k < columns.length; k++) {
                in[k] = c.value(columns[k]);
            }
            return expression.eval(in);
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
