import java.util.Locale;
import org.memspice.spice.expr.CompiledExpression;
import org.memspice.spice.expr.Expr;
import org.memspice.spice.expr.ExpressionParser;
import org.memspice.spice.expr.Symbols;

/**
 * Nanoseconds per evaluation (value and gradient, as a B source's load takes them) of the three
 * expressions of bench/gen-memristor-crossbar.sh's behavioural Yakopcic cell, over voltages of
 * both signs and states across the range (v is variable 0, x variable 1, parameters folded):
 * the tape interpreter and the tapes compiled to bytecode, rounds alternating, in one run, with
 * a check that both give the same values and gradients bit for bit.
 * usage: java -cp cli/target/memspice.jar bench/ExprBench.java [ROUNDS]
 */
public class ExprBench {
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Symbols s = new Symbols() {
            @Override
            public Expr identifier(String name) {
                switch (name) {
                    case "v": return ExpressionParser.variable(0);
                    case "x": return ExpressionParser.variable(1);
                    case "a1": case "a2": return ExpressionParser.constant(0.17);
                    case "b": return ExpressionParser.constant(0.05);
                    case "vp": return ExpressionParser.constant(0.16);
                    case "vn": return ExpressionParser.constant(0.15);
                    case "ap": case "an": return ExpressionParser.constant(4000);
                    case "xp": return ExpressionParser.constant(0.3);
                    case "xn": return ExpressionParser.constant(0.5);
                    case "alphap": return ExpressionParser.constant(1);
                    case "alphan": return ExpressionParser.constant(5);
                    default: return null;
                }
            }
        };
        String[] texts = {
            "(v >= 0 ? a1 : a2) * x * sinh(b*v)",
            "v > vp ? ap*(exp(v) - exp(vp)) : (v < -vn ? -an*(exp(-v) - exp(vn)) : 0)",
            "v >= 0 ? (x >= xp ? exp(-alphap*(x-xp)) * ((xp-x)/(1-xp) + 1) : 1) : (x <= 1-xn ? exp(alphan*(x+xn-1)) * (x/(1-xn)) : 1)"};
        CompiledExpression[] interpreted = new CompiledExpression[texts.length];
        CompiledExpression[] compiled = new CompiledExpression[texts.length];
        for (int k = 0; k < texts.length; k++) {
            interpreted[k] = CompiledExpression.compile(ExpressionParser.parse(texts[k], s), 2);
            interpreted[k].useCompiledCode(false);
            compiled[k] = CompiledExpression.compile(ExpressionParser.parse(texts[k], s), 2);
            if (!compiled[k].useCompiledCode(true)) {
                throw new IllegalStateException("not compiled: " + texts[k]);
            }
        }
        int n = 4096;
        double[][] in = new double[n][];
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        for (int i = 0; i < n; i++) {
            in[i] = new double[] {-0.5 + r.nextDouble(), r.nextDouble()};
        }
        // the two give the same values and gradients, bit for bit
        double[] gi = new double[2];
        double[] gc = new double[2];
        for (int k = 0; k < texts.length; k++) {
            for (double[] x : in) {
                if (Double.doubleToLongBits(interpreted[k].evalGradient(x, gi)) != Double.doubleToLongBits(compiled[k].evalGradient(x, gc))
                        || Double.doubleToLongBits(gi[0]) != Double.doubleToLongBits(gc[0])
                        || Double.doubleToLongBits(gi[1]) != Double.doubleToLongBits(gc[1])) {
                    throw new IllegalStateException("compiled and interpreted differ: " + texts[k] + " at " + java.util.Arrays.toString(x));
                }
            }
        }
        int size = interpreted[0].size() + interpreted[1].size() + interpreted[2].size();
        System.out.printf(Locale.ROOT, "%d tape instructions in all; %s%n", size, CompiledExpression.compilerStatistics());
        double[] g = new double[2];
        double sink = 0;
        double[] sum = new double[2];
        for (int round = 0; round <= rounds; round++) {
            double[] ns = new double[2];
            for (int mode = 0; mode < 2; mode++) {
                CompiledExpression[] e = mode == 0 ? interpreted : compiled;
                long t0 = System.nanoTime();
                int reps = 200;
                for (int rep = 0; rep < reps; rep++) {
                    for (int i = 0; i < n; i++) {
                        for (CompiledExpression c : e) {
                            sink += c.evalGradient(in[i], g) + g[0];
                        }
                    }
                }
                ns[mode] = (System.nanoTime() - t0) / (double) reps / n / e.length;
            }
            if (round > 0) { // round 0 warms the JIT up
                sum[0] += ns[0];
                sum[1] += ns[1];
                System.out.printf(Locale.ROOT, "round %d: interpreter %.1f ns, compiled %.1f ns per expression (value and gradient), ratio %.2f%n",
                        round, ns[0], ns[1], ns[0] / ns[1]);
            }
        }
        System.out.printf(Locale.ROOT, "mean of %d rounds: interpreter %.1f ns, compiled %.1f ns, ratio %.2f%n",
                rounds, sum[0] / rounds, sum[1] / rounds, sum[0] / sum[1]);
        // compile time once the compiler's own classes are loaded: 30 further shapes
        long t0 = System.nanoTime();
        for (int k = 0; k < 30; k++) {
            String t = texts[k % 3].replaceAll("\\bv\\b", "(v" + " + 0.001 * x".repeat(k / 3 + 1) + ")"); // a new shape each
            if (!CompiledExpression.compile(ExpressionParser.parse(t, s), 2).useCompiledCode(true)) {
                throw new IllegalStateException("not compiled: " + t);
            }
        }
        System.out.printf(Locale.ROOT, "compiling 30 further shapes: %.2f ms each (wall, parse and tape to loaded class)%n",
                (System.nanoTime() - t0) / 30e6);
        System.out.println(CompiledExpression.compilerStatistics());
        System.out.println(sink == 42 ? "" : "(checksum " + (sink != 0) + ")");
    }
}
