package org.memspice.spice.expr;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Expression trees parsed once per text within one netlist's build. The instances of a
 * subcircuit repeat the same expression text, and each parse would read the same tokens again
 * (4,096 behavioural memristors: 12,288 parses of three texts). The first parse of a text
 * records what its symbol table answered for each name. A later parse of that text asks the new
 * symbol table the same questions in the same order, so that side effects such as a list of
 * referenced nodes build up as a parse would build them. If every answer is the same (the same
 * constant bits, the same input index, ground where ground was), the recorded tree is the tree
 * that parse would produce. Otherwise, and for texts whose parse expands user functions or
 * takes ddt() (their answers are trees of their own), it parses afresh. Trees are immutable once
 * built and may be shared by the expressions that use them. Not thread-safe: one per build.
 */
public final class ParseMemo {
    /** At most this many texts are remembered (a netlist of distinct expressions gains nothing). */
    static final int CAPACITY = 10_000;

    private enum Kind { IDENTIFIER, VOLTAGE, CURRENT, FUNCTION }

    /** One question to the symbol table and its answer. */
    private static final class Question {
        final Kind kind;
        final String a;
        final String b;
        /** The arguments of a FUNCTION question (the built-in function's, which no .func shadowed). */
        final List<Expr> args;
        final Expr answer;

        Question(Kind kind, String a, String b, List<Expr> args, Expr answer) {
            this.kind = kind;
            this.a = a;
            this.b = b;
            this.args = args;
            this.answer = answer;
        }

        Expr ask(Symbols s) {
            switch (kind) {
                case IDENTIFIER:
                    return s.identifier(a);
                case VOLTAGE:
                    return s.voltage(a, b);
                case CURRENT:
                    return s.current(a);
                default:
                    return s.userFunction(a, args);
            }
        }
    }

    private static final class Entry {
        final Expr tree;
        final Question[] questions;

        Entry(Expr tree, Question[] questions) {
            this.tree = tree;
            this.questions = questions;
        }
    }

    private final Map<String, Entry> entries = new HashMap<>();
    private long reused;

    /**
     * The tree of {@code text} with {@code symbols}, as {@link ExpressionParser#parse} gives it.
     * When a replay of the recorded questions finds a different answer, {@code discard} runs (it
     * must undo what the answers so far did to the symbol table's state) and the text is parsed
     * afresh.
     */
    public Expr parse(String text, Symbols symbols, Runnable discard) {
        Entry e = entries.get(text);
        if (e != null) {
            boolean same = true;
            for (Question q : e.questions) {
                if (!same(q.ask(symbols), q.answer)) {
                    same = false;
                    break;
                }
            }
            if (same) {
                reused++;
                return e.tree;
            }
            discard.run();
        }
        Recorder recorder = new Recorder(symbols);
        Expr tree = ExpressionParser.parse(text, recorder);
        if (recorder.replayable && (e != null || entries.size() < CAPACITY)) {
            entries.put(text, new Entry(tree, recorder.questions.toArray(new Question[0])));
        }
        return tree;
    }

    /** Parses answered from a recorded tree. */
    public long reused() {
        return reused;
    }

    /** Whether two answers are the same node: equal constant bits, the same input, or such a difference. */
    static boolean same(Expr x, Expr y) {
        if (x == null || y == null) {
            return x == y;
        }
        if (x instanceof Nodes.Const && y instanceof Nodes.Const) {
            return Double.doubleToRawLongBits(((Nodes.Const) x).value) == Double.doubleToRawLongBits(((Nodes.Const) y).value);
        }
        if (x instanceof Nodes.Var && y instanceof Nodes.Var) {
            return ((Nodes.Var) x).index == ((Nodes.Var) y).index;
        }
        if (x instanceof Nodes.Binary && y instanceof Nodes.Binary) {
            Nodes.Binary p = (Nodes.Binary) x;
            Nodes.Binary q = (Nodes.Binary) y;
            return p.op == q.op && same(p.a, q.a) && same(p.b, q.b);
        }
        return false;
    }

    /** Passes every question on and records it; a parse that needs more than names is not replayable. */
    private static final class Recorder implements Symbols {
        private final Symbols inner;
        final List<Question> questions = new ArrayList<>();
        boolean replayable = true;

        Recorder(Symbols inner) {
            this.inner = inner;
        }

        private Expr note(Kind kind, String a, String b, List<Expr> args, Expr answer) {
            if (answer != null && !isNameAnswer(answer)) {
                replayable = false; // an answer that is a tree of its own: compare no further
            }
            questions.add(new Question(kind, a, b, args, answer));
            return answer;
        }

        private static boolean isNameAnswer(Expr e) {
            if (e instanceof Nodes.Const || e instanceof Nodes.Var) {
                return true;
            }
            if (e instanceof Nodes.Binary) {
                Nodes.Binary b = (Nodes.Binary) e;
                return isNameAnswer(b.a) && isNameAnswer(b.b);
            }
            return false;
        }

        @Override
        public Expr identifier(String name) {
            return note(Kind.IDENTIFIER, name, null, null, inner.identifier(name));
        }

        @Override
        public Expr voltage(String plus, String minus) {
            return note(Kind.VOLTAGE, plus, minus, null, inner.voltage(plus, minus));
        }

        @Override
        public Expr current(String device) {
            return note(Kind.CURRENT, device, null, null, inner.current(device));
        }

        @Override
        public Expr timeDerivative(Expr arg) {
            replayable = false;
            return inner.timeDerivative(arg);
        }

        /**
         * The parser asks for a user function before it takes a built-in one: no .func of the name
         * (null) is an answer like any other; an expanded .func body is a tree of its own.
         */
        @Override
        public Expr userFunction(String name, List<Expr> args) {
            Expr answer = inner.userFunction(name, args);
            if (answer != null) {
                replayable = false;
                return answer;
            }
            return note(Kind.FUNCTION, name, null, List.copyOf(args), null);
        }
    }
}
