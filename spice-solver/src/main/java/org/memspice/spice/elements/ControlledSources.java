package org.memspice.spice.elements;

import java.util.List;
import org.memspice.spice.element.BranchCurrent;
import org.memspice.spice.element.Connections;
import org.memspice.spice.element.Element;
import org.memspice.spice.element.ElementCard;
import org.memspice.spice.element.ElementFactory;
import org.memspice.spice.element.LoadContext;
import org.memspice.spice.element.ParameterSensitive;
import org.memspice.spice.element.SetupContext;

/** The four linear controlled sources E, F, G and H. */
public final class ControlledSources {
    private ControlledSources() {
    }

    /** The {@code value=expr} form of E and G, or null when the line has the linear form. */
    private static Element behavioural(ElementCard card, int a, int b, boolean voltage, String... keys) {
        org.memspice.spice.netlist.Token t = card.peek();
        org.memspice.spice.netlist.Token after = card.peek(1);
        if (t == null || after == null || !after.is(org.memspice.spice.netlist.Token.Kind.EQUALS)) {
            return null;
        }
        for (String k : keys) {
            if (t.isWord(k)) {
                card.next(k);
                return BehavioralSource.read(card, a, b, voltage, card.next("="));
            }
        }
        throw card.error(t, "expected " + String.join("= or ", keys) + "= before the expression, found '" + t.text() + "='");
    }

    private static double finite(String owner, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(owner + ": gain must be finite, got " + value);
        }
        return value;
    }

    private static BranchCurrent controlling(SetupContext ctx, String owner, String source) {
        Element e = ctx.element(source);
        if (!(e instanceof BranchCurrent) || !((BranchCurrent) e).hasBranchCurrent()) {
            throw new IllegalArgumentException(owner + ": controlling element " + source
                    + " has no branch current (use a voltage source, inductor, E or H source)");
        }
        return (BranchCurrent) e;
    }

    /** A source whose branch current is an unknown and whose branch row fixes V(n+) − V(n−) (E, H). */
    private abstract static class DependentVoltageSource implements Element, BranchCurrent, Connections {
        private final String name;
        private final int a;
        private final int b;
        protected int branch;
        private BranchStamp incidence;

        DependentVoltageSource(String name, int a, int b) {
            this.name = name;
            this.a = a;
            this.b = b;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int branchUnknown() {
            return branch;
        }

        @Override
        public boolean hasConstantStamps() {
            return true;
        }

        @Override
        public void allocate(SetupContext ctx) {
            branch = ctx.addUnknown(name + "#branch", SetupContext.UnknownKind.CURRENT);
        }

        @Override
        public void connections(Sink sink) {
            sink.voltage(a, b);
        }

        @Override
        public void setup(SetupContext ctx) {
            incidence = new BranchStamp(ctx, a, b, branch);
            setupControl(ctx);
        }

        @Override
        public void load(LoadContext ctx) {
            incidence.incidence(ctx);
            loadControl(ctx);
        }

        /** Reserves the controlling entries of the branch row. */
        abstract void setupControl(SetupContext ctx);

        /** Stamps the controlling entries of the branch row. */
        abstract void loadControl(LoadContext ctx);
    }

    /** {@code E name n+ n- nc+ nc- gain}: V(n+,n-) = gain·V(nc+,nc-). */
    public static final class Vcvs extends DependentVoltageSource implements ParameterSensitive {
        private final int ca;
        private final int cb;
        private double gain;
        private int sa;
        private int sb;

        public Vcvs(String name, int a, int b, int ca, int cb, double gain) {
            super(name, a, b);
            this.ca = ca;
            this.cb = cb;
            this.gain = gain;
        }

        @Override
        void setupControl(SetupContext ctx) {
            sa = ctx.slot(branch, ca);
            sb = ctx.slot(branch, cb);
        }

        @Override
        void loadControl(LoadContext ctx) {
            ctx.add(sa, -gain);
            ctx.add(sb, gain);
        }

        @Override
        public List<String> sensitivityParameters() {
            return List.of("gain");
        }

        @Override
        public double parameterValue(int k) {
            return gain;
        }

        @Override
        public void setParameterValue(int k, double value) {
            gain = finite(name(), value);
        }

        /** Branch row V(a) − V(b) − gain·V(ca, cb). */
        @Override
        public void parameterDerivative(int k, LoadContext ctx, SensitivitySink sink) {
            sink.residual(branch, -(ctx.v(ca) - ctx.v(cb)));
        }
    }

    /** {@code G name n+ n- nc+ nc- gm}: a current gm·V(nc+,nc-) from n+ through the source to n-. */
    public static final class Vccs implements Element, Connections, ParameterSensitive {
        private final String name;
        private final int a;
        private final int b;
        private final int ca;
        private final int cb;
        private double gm;
        private int aca;
        private int acb;
        private int bca;
        private int bcb;

        public Vccs(String name, int a, int b, int ca, int cb, double gm) {
            this.name = name;
            this.a = a;
            this.b = b;
            this.ca = ca;
            this.cb = cb;
            this.gm = gm;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean hasConstantStamps() {
            return true;
        }

        /** A current set by other nodes; a path only when it is controlled by its own terminals (a conductance). */
        @Override
        public void connections(Sink sink) {
            if ((ca == a || ca == b) && (cb == a || cb == b) && ca != cb && gm != 0) {
                sink.conductive(a, b);
            } else {
                sink.current(a, b);
            }
        }

        @Override
        public void setup(SetupContext ctx) {
            aca = ctx.slot(a, ca);
            acb = ctx.slot(a, cb);
            bca = ctx.slot(b, ca);
            bcb = ctx.slot(b, cb);
        }

        @Override
        public void load(LoadContext ctx) {
            ctx.add(aca, gm);
            ctx.add(acb, -gm);
            ctx.add(bca, -gm);
            ctx.add(bcb, gm);
        }

        @Override
        public List<String> sensitivityParameters() {
            return List.of("gain");
        }

        @Override
        public double parameterValue(int k) {
            return gm;
        }

        @Override
        public void setParameterValue(int k, double value) {
            gm = finite(name, value);
        }

        /** The current gm·V(ca, cb) leaves a. */
        @Override
        public void parameterDerivative(int k, LoadContext ctx, SensitivitySink sink) {
            double vc = ctx.v(ca) - ctx.v(cb);
            sink.residual(a, vc);
            sink.residual(b, -vc);
        }
    }

    /** {@code F name n+ n- vsource gain}: a current gain·I(vsource) from n+ through the source to n-. */
    public static final class Cccs implements Element, Connections, ParameterSensitive {
        private final String name;
        private final int a;
        private final int b;
        private final String source;
        private double gain;
        private int sa;
        private int sb;
        private int controlBranch;

        public Cccs(String name, int a, int b, String source, double gain) {
            this.name = name;
            this.a = a;
            this.b = b;
            this.source = source;
            this.gain = gain;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean hasConstantStamps() {
            return true;
        }

        /** A current set by another branch: no path between its nodes. */
        @Override
        public void connections(Sink sink) {
            sink.current(a, b);
        }

        @Override
        public void setup(SetupContext ctx) {
            int br = controlling(ctx, name, source).branchUnknown();
            controlBranch = br;
            sa = ctx.slot(a, br);
            sb = ctx.slot(b, br);
        }

        @Override
        public void load(LoadContext ctx) {
            ctx.add(sa, gain);
            ctx.add(sb, -gain);
        }

        @Override
        public List<String> sensitivityParameters() {
            return List.of("gain");
        }

        @Override
        public double parameterValue(int k) {
            return gain;
        }

        @Override
        public void setParameterValue(int k, double value) {
            gain = finite(name, value);
        }

        /** The current gain·I(source) leaves a. */
        @Override
        public void parameterDerivative(int k, LoadContext ctx, SensitivitySink sink) {
            double i = ctx.v(controlBranch);
            sink.residual(a, i);
            sink.residual(b, -i);
        }
    }

    /** {@code H name n+ n- vsource r}: V(n+,n-) = r·I(vsource). */
    public static final class Ccvs extends DependentVoltageSource implements ParameterSensitive {
        private final String source;
        private double transresistance;
        private int sc;
        private int controlBranch;

        public Ccvs(String name, int a, int b, String source, double transresistance) {
            super(name, a, b);
            this.source = source;
            this.transresistance = transresistance;
        }

        @Override
        void setupControl(SetupContext ctx) {
            controlBranch = controlling(ctx, name(), source).branchUnknown();
            sc = ctx.slot(branch, controlBranch);
        }

        @Override
        void loadControl(LoadContext ctx) {
            ctx.add(sc, -transresistance);
        }

        @Override
        public List<String> sensitivityParameters() {
            return List.of("gain");
        }

        @Override
        public double parameterValue(int k) {
            return transresistance;
        }

        @Override
        public void setParameterValue(int k, double value) {
            transresistance = finite(name(), value);
        }

        /** Branch row V(a) − V(b) − r·I(source). */
        @Override
        public void parameterDerivative(int k, LoadContext ctx, SensitivitySink sink) {
            sink.residual(branch, -ctx.v(controlBranch));
        }
    }

    /** Builds E lines (linear form). */
    public static final class VcvsFactory implements ElementFactory {
        @Override
        public List<String> prefixes() {
            return List.of("E");
        }

        @Override
        public Element create(ElementCard card) {
            int a = card.node("positive");
            int b = card.node("negative");
            Element behavioural = behavioural(card, a, b, true, "value", "vol");
            if (behavioural != null) {
                return behavioural;
            }
            int ca = card.node("positive controlling");
            int cb = card.node("negative controlling");
            double gain = card.value("gain");
            card.end();
            return new Vcvs(card.name(), a, b, ca, cb, gain);
        }
    }

    /** Builds G lines (linear form). */
    public static final class VccsFactory implements ElementFactory {
        @Override
        public List<String> prefixes() {
            return List.of("G");
        }

        @Override
        public Element create(ElementCard card) {
            int a = card.node("positive");
            int b = card.node("negative");
            Element behavioural = behavioural(card, a, b, false, "value", "cur");
            if (behavioural != null) {
                return behavioural;
            }
            int ca = card.node("positive controlling");
            int cb = card.node("negative controlling");
            double gm = card.value("transconductance");
            card.end();
            return new Vccs(card.name(), a, b, ca, cb, gm);
        }
    }

    /** Builds F lines. */
    public static final class CccsFactory implements ElementFactory {
        @Override
        public List<String> prefixes() {
            return List.of("F");
        }

        @Override
        public Element create(ElementCard card) {
            int a = card.node("positive");
            int b = card.node("negative");
            String src = card.scope().elementName(card.word("controlling source"));
            double gain = card.value("current gain");
            card.end();
            return new Cccs(card.name(), a, b, src, gain);
        }
    }

    /** Builds H lines. */
    public static final class CcvsFactory implements ElementFactory {
        @Override
        public List<String> prefixes() {
            return List.of("H");
        }

        @Override
        public Element create(ElementCard card) {
            int a = card.node("positive");
            int b = card.node("negative");
            String src = card.scope().elementName(card.word("controlling source"));
            double r = card.value("transresistance");
            card.end();
            return new Ccvs(card.name(), a, b, src, r);
        }
    }
}
