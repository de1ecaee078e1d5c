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
 * Level-1 MOSFET (Shichman-Hodges) {@code M name d g s b model [W=] [L=] [M=]}, NMOS or PMOS:
 * square-law current with channel-length modulation LAMBDA, body effect GAMMA/PHI, series
 * resistances RD/RS, bulk junction diodes (IS), and constant overlap capacitances
 * CGSO·W, CGDO·W, CGBO·L (no Meyer intrinsic charge). Defaults as ngspice: KP 2e-5, VTO 0,
 * PHI 0.6, LAMBDA 0, W = L = 100 µm.
 */
public final class Mosfet1 implements Element, ConvergenceTest {
    static final Set<String> PARAMETERS = Set.of("level", "vto", "vt0", "kp", "gamma", "phi", "lambda", "rd", "rs",
            "cgso", "cgdo", "cgbo", "is", "ld", "tox", "u0", "uo", "cbd", "cbs", "cj", "cjsw", "pb", "mj", "mjsw", "js",
            "fc", "tnom", "kf", "af", "nsub", "nss", "tpg");
    private static final double EPS_OX = 3.9 * 8.854214871e-12;

    private final String name;
    private final int d;
    private final int g;
    private final int s;
    private final int b;
    private final int type;
    private final double vto;
    private final double beta;
    private final double gamma;
    private final double phi;
    private final double lambda;
    private final double rd;
    private final double rsr;
    private final double isat;
    private final double cgs;
    private final double cgd;
    private final double cgb;
    private final Level1Channel channelModel;

    private int dp;
    private int sp;
    private int caps;
    private LinearizedCurrent channel;
    private ConductanceStamp bulkSource;
    private ConductanceStamp bulkDrain;
    private ConductanceStamp drainResistor;
    private ConductanceStamp sourceResistor;
    private ConductanceStamp gateSource;
    private ConductanceStamp gateDrain;
    private ConductanceStamp gateBulk;
    private double vt;
    private double vcrit;
    private boolean hasPrevious;
    private double vgsOld;
    private double vdsOld;
    private double vbsOld;
    private double von;
    private double idOld;
    private final double[] gOld = new double[3];
    private final double[] gBuf = new double[3];
    private final double[] vBuf = new double[3];

    public Mosfet1(String name, int d, int g, int s, int b, ModelCard model, double w, double l, double mult) {
        this.name = name;
        this.d = d;
        this.g = g;
        this.s = s;
        this.b = b;
        this.type = model.type().equals("pmos") ? -1 : 1;
        this.vto = model.get("vto", model.get("vt0", 0));
        double leff = l - 2 * model.get("ld", 0);
        if (!(leff > 0)) {
            throw new IllegalArgumentException(name + ": effective channel length L - 2*LD must be positive, got " + leff);
        }
        double kp;
        if (model.has("kp")) {
            kp = model.get("kp", 2e-5);
        } else if (model.has("tox")) {
            kp = model.get("u0", model.get("uo", 600)) * 1e-4 * EPS_OX / model.get("tox", 1e-7);
        } else {
            kp = 2e-5;
        }
        this.beta = kp * w / leff * mult;
        this.gamma = model.get("gamma", 0);
        this.phi = model.get("phi", 0.6);
        this.lambda = model.get("lambda", 0);
        this.rd = model.get("rd", 0);
        this.rsr = model.get("rs", 0);
        this.isat = model.get("is", 1e-14) * mult;
        this.cgs = model.get("cgso", 0) * w * mult;
        this.cgd = model.get("cgdo", 0) * w * mult;
        this.cgb = model.get("cgbo", 0) * leff * mult;
        this.channelModel = new Level1Channel(type * vto, beta, gamma, phi, lambda);
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
        dp = rd > 0 ? ctx.addUnknown(name + "#drain", SetupContext.UnknownKind.VOLTAGE) : d;
        sp = rsr > 0 ? ctx.addUnknown(name + "#source", SetupContext.UnknownKind.VOLTAGE) : s;
        caps = ctx.addStates(3);
    }

    @Override
    public void setup(SetupContext ctx) {
        channel = new LinearizedCurrent(ctx, dp, sp, new int[] {g, dp, b}, new int[] {sp, sp, sp});
        bulkSource = new ConductanceStamp(ctx, b, sp);
        bulkDrain = new ConductanceStamp(ctx, b, dp);
        if (rd > 0) {
            drainResistor = new ConductanceStamp(ctx, d, dp);
        }
        if (rsr > 0) {
            sourceResistor = new ConductanceStamp(ctx, s, sp);
        }
        gateSource = new ConductanceStamp(ctx, g, sp);
        gateDrain = new ConductanceStamp(ctx, g, dp);
        gateBulk = new ConductanceStamp(ctx, g, b);
        vt = Junctions.thermalVoltage(ctx.options().temp);
        vcrit = Junctions.criticalVoltage(vt, isat);
    }

    @Override
    public void load(LoadContext ctx) {
        if (drainResistor != null) {
            drainResistor.conductance(ctx, 1 / rd);
        }
        if (sourceResistor != null) {
            sourceResistor.conductance(ctx, 1 / rsr);
        }
        double vbs = type * (ctx.v(b) - ctx.v(sp));
        double vgs = type * (ctx.v(g) - ctx.v(sp));
        double vds = type * (ctx.v(dp) - ctx.v(sp));
        double vth0 = type * vto;
        if (ctx.initJunctions()) {
            vbs = -1;
            vgs = vth0;
            vds = 0;
        } else if (hasPrevious && !ctx.initStates()) {
            double vgd = vgs - vds;
            double vgdOld = vgsOld - vdsOld;
            if (vdsOld >= 0) {
                vgs = Junctions.fetlim(vgs, vgsOld, von);
                vds = vgs - vgd;
                vds = Junctions.limvds(vds, vdsOld);
            } else {
                vgd = Junctions.fetlim(vgd, vgdOld, von);
                vds = vgs - vgd;
                vds = -Junctions.limvds(-vds, -vdsOld);
                vgs = vgd + vds;
            }
            // as in SPICE, only the junction limit marks the iteration unconverged; gate and drain
            // limiting shows up in the voltage convergence test
            if (vds >= 0) {
                double limited = Junctions.pnjlim(vbs, vbsOld, vt, vcrit);
                if (limited != vbs) {
                    ctx.nonConvergence();
                }
                vbs = limited;
            } else {
                double vbdNew = vbs - vds;
                double vbd = Junctions.pnjlim(vbdNew, vbsOld - vdsOld, vt, vcrit);
                if (vbd != vbdNew) {
                    ctx.nonConvergence();
                }
                vbs = vbd + vds;
            }
        }
        hasPrevious = true;
        vgsOld = vgs;
        vdsOld = vds;
        vbsOld = vbs;
        double vbd = vbs - vds;
        double gmin = ctx.gmin();

        // bulk junctions (type frame: positive = forward bias)
        bulkJunction(ctx, bulkSource, vbs, gmin);
        bulkJunction(ctx, bulkDrain, vbd, gmin);

        // channel: drain current (into d') as a function of vgs, vds, vbs in the type frame
        channelModel.evaluate(vgs, vds, vbs);
        von = channelModel.von;
        double id = channelModel.id;
        gBuf[0] = channelModel.dIdVgs;
        gBuf[1] = channelModel.dIdVds;
        gBuf[2] = channelModel.dIdVbs;
        vBuf[0] = type * vgs;
        vBuf[1] = type * vds;
        vBuf[2] = type * vbs;
        idOld = type * id;
        System.arraycopy(gBuf, 0, gOld, 0, 3);
        channel.stamp(ctx, type * id, gBuf, vBuf);

        if (ctx.isTransient()) {
            overlap(ctx, gateSource, caps, cgs, type * vgs);
            overlap(ctx, gateDrain, caps + 1, cgd, type * (vgs - vds));
            overlap(ctx, gateBulk, caps + 2, cgb, type * (vgs - vbs));
        }
    }

    private void bulkJunction(LoadContext ctx, ConductanceStamp stamp, double v, double gmin) {
        double i;
        double gj;
        if (v <= -3 * vt) {
            gj = gmin;
            i = gmin * v - isat;
        } else {
            double e = Junctions.safeExp(v / vt);
            gj = isat * e / vt + gmin;
            i = isat * (e - 1) + gmin * v;
        }
        stamp.linearized(ctx, gj, type * i, type * v);
    }

    private static void overlap(LoadContext ctx, ConductanceStamp stamp, int state, double c, double v) {
        if (c == 0) {
            return;
        }
        double i = ctx.integrate(state, c * v);
        stamp.linearized(ctx, ctx.ag0() * c, i, v);
    }

    @Override
    public boolean converged(LoadContext ctx) {
        double dvgs = (ctx.v(g) - ctx.v(sp)) - vBuf[0];
        double dvds = (ctx.v(dp) - ctx.v(sp)) - vBuf[1];
        double dvbs = (ctx.v(b) - ctx.v(sp)) - vBuf[2];
        double predicted = idOld + gOld[0] * dvgs + gOld[1] * dvds + gOld[2] * dvbs;
        return Junctions.currentConverged(predicted, idOld, ctx.options());
    }

    /** Builds M lines. */
    public static final class Factory implements ElementFactory {
        @Override
        public List<String> prefixes() {
            return List.of("M");
        }

        @Override
        public Element create(ElementCard card) {
            int d = card.node("drain");
            int g = card.node("gate");
            int s = card.node("source");
            int b = card.node("bulk");
            ModelCard model = card.model("nmos", "pmos");
            model.checkKnown(PARAMETERS);
            if (model.get("level", 1) != 1) {
                throw card.error("only MOSFET LEVEL=1 is supported, model " + model.name() + " has LEVEL="
                        + model.get("level", 1));
            }
            Map<String, Double> kv = card.namedValues();
            double w = kv.getOrDefault("w", 100e-6);
            double l = kv.getOrDefault("l", 100e-6);
            double mult = kv.getOrDefault("m", 1.0);
            for (String k : kv.keySet()) {
                if (!Set.of("w", "l", "m", "ad", "as", "pd", "ps", "nrd", "nrs").contains(k)) {
                    throw card.error("unknown MOSFET instance parameter '" + k + "'");
                }
            }
            try {
                return new Mosfet1(card.name(), d, g, s, b, model, w, l, mult);
            } catch (IllegalArgumentException e) {
                throw card.error(e.getMessage());
            }
        }
    }
}
