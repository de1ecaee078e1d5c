package org.memspice.spice.elements;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.memspice.spice.circuit.ModelCard;
import org.memspice.spice.element.ConvergenceTest;
import org.memspice.spice.element.Element;
import org.memspice.spice.element.ElementCard;
import org.memspice.spice.element.ElementFactory;
import org.memspice.spice.element.LoadContext;
import org.memspice.spice.element.SetupContext;

/**
 * Junction diode {@code D name anode cathode model [area] [off]}: Shockley current with emission
 * coefficient N, series resistance RS (an internal node), depletion capacitance CJO/VJ/M with
 * SPICE's forward-bias linearization above FC·VJ, transit-time charge TT, and reverse breakdown
 * at BV with current IBV. Model defaults are SPICE's (IS 1e-14 A, N 1, VJ 1 V, M 0.5, FC 0.5).
 */
public final class Diode implements Element, ConvergenceTest {
    static final Set<String> PARAMETERS = Set.of("is", "n", "rs", "cjo", "cj0", "vj", "m", "fc", "bv", "ibv", "tt",
            "level", "eg", "xti");

    private final String name;
    private final int anode;
    private final int cathode;
    private final boolean off;
    private final double is;
    private final double n;
    private final double rs;
    private final double cjo;
    private final double vj;
    private final double m;
    private final double fc;
    private final double bv;
    private final double ibv;
    private final double tt;

    private int internal;
    private int state;
    private ConductanceStamp junction;
    private ConductanceStamp series;
    private double nvt;
    private double vcrit;
    private double breakdown;
    private double vdLast;
    private double idLast;
    private double gdLast;
    private double junctionCharge;
    private double junctionCapacitance;

    public Diode(String name, int anode, int cathode, ModelCard model, double area, boolean off) {
        this.name = name;
        this.anode = anode;
        this.cathode = cathode;
        this.off = off;
        this.is = model.get("is", 1e-14) * area;
        this.n = model.get("n", 1);
        double r = model.get("rs", 0);
        this.rs = r > 0 ? r / area : 0;
        this.cjo = model.get("cjo", model.get("cj0", 0)) * area;
        this.vj = model.get("vj", 1);
        this.m = model.get("m", 0.5);
        this.fc = model.get("fc", 0.5);
        this.bv = model.get("bv", Double.POSITIVE_INFINITY);
        this.ibv = model.get("ibv", 1e-3) * area;
        this.tt = model.get("tt", 0);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean isLinear() {
        return false;
    }

    @Override
    public void allocate(SetupContext ctx) {
        internal = rs > 0 ? ctx.addUnknown(name + "#internal", SetupContext.UnknownKind.VOLTAGE) : anode;
        state = ctx.addStates(1);
    }

    @Override
    public void setup(SetupContext ctx) {
        junction = new ConductanceStamp(ctx, internal, cathode);
        if (rs > 0) {
            series = new ConductanceStamp(ctx, anode, internal);
        }
        nvt = n * Junctions.thermalVoltage(ctx.options().temp);
        vcrit = Junctions.criticalVoltage(nvt, is);
        // the breakdown knee where the reverse current reaches IBV
        breakdown = Double.isInfinite(bv) ? bv : bv - nvt * Math.log(Math.max(ibv / is, 1));
    }

    @Override
    public void load(LoadContext ctx) {
        if (series != null) {
            series.conductance(ctx, 1 / rs);
        }
        double vd = junction.voltage(ctx);
        if (ctx.initJunctions()) {
            vd = off ? 0 : vcrit;
        } else if (!ctx.initStates()) {
            double limited = Junctions.pnjlim(vd, vdLast, nvt, vcrit);
            if (limited != vd) {
                ctx.nonConvergence();
                vd = limited;
            }
        }
        double gmin = ctx.gmin();
        double id;
        double gd;
        if (vd >= -3 * nvt) {
            double e = Junctions.safeExp(vd / nvt);
            id = is * (e - 1) + gmin * vd;
            gd = is * e / nvt + gmin;
        } else if (vd >= -breakdown) {
            double arg = 3 * nvt / (vd * Math.E);
            arg = arg * arg * arg;
            id = -is * (1 + arg) + gmin * vd;
            gd = is * 3 * arg / vd + gmin;
        } else {
            double e = Junctions.safeExp(-(breakdown + vd) / nvt);
            id = -is * e + gmin * vd;
            gd = is * e / nvt + gmin;
        }
        vdLast = vd;
        idLast = id;
        gdLast = gd;
        double g = gd;
        double i = id;
        if (ctx.isTransient()) {
            charge(vd, id, gd);
            double icap = ctx.integrate(state, junctionCharge);
            g += ctx.ag0() * junctionCapacitance;
            i += icap;
        }
        junction.linearized(ctx, g, i, vd);
    }

    /**
     * Sets {@link #junctionCharge} and {@link #junctionCapacitance} at vd: depletion (linearized
     * above FC·VJ) plus transit time. Fields, not a returned array: this runs every Newton iteration.
     */
    private void charge(double vd, double id, double gd) {
        double q;
        double c;
        if (cjo == 0) {
            q = 0;
            c = 0;
        } else if (vd < fc * vj) {
            double arg = 1 - vd / vj;
            double sarg = Math.exp(-m * Math.log(arg));
            q = vj * cjo * (1 - arg * sarg) / (1 - m);
            c = cjo * sarg;
        } else {
            double f1 = vj * (1 - Math.pow(1 - fc, 1 - m)) / (1 - m);
            double f2 = Math.pow(1 - fc, 1 + m);
            double f3 = 1 - fc * (1 + m);
            double vfc = fc * vj;
            q = cjo * f1 + cjo / f2 * (f3 * (vd - vfc) + m / (2 * vj) * (vd * vd - vfc * vfc));
            c = cjo / f2 * (f3 + m * vd / vj);
        }
        junctionCharge = q + tt * id;
        junctionCapacitance = c + tt * gd;
    }

    @Override
    public boolean converged(LoadContext ctx) {
        double vd = junction.voltage(ctx);
        return Junctions.currentConverged(idLast + gdLast * (vd - vdLast), idLast, ctx.options());
    }

    /** Builds D lines. */
    public static final class Factory implements ElementFactory {
        @Override
        public List<String> prefixes() {
            return List.of("D");
        }

        @Override
        public Element create(ElementCard card) {
            int a = card.node("anode");
            int c = card.node("cathode");
            ModelCard model = card.model("d");
            model.checkKnown(PARAMETERS);
            double area = 1;
            boolean off = false;
            if (card.nextIsValue()) {
                area = card.value("area");
            }
            if (card.peek() != null && card.peek().isWord("off")) {
                card.next("off");
                off = true;
            }
            Map<String, Double> kv = card.namedValues();
            if (kv.containsKey("area")) {
                area = kv.remove("area");
            }
            if (!kv.isEmpty()) {
                throw card.error("unknown diode instance parameter(s) " + kv.keySet());
            }
            return new Diode(card.name(), a, c, model, area, off);
        }
    }
}
