package org.memspice.spice.elements;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.memspice.spice.circuit.ModelCard;
import org.memspice.spice.element.ConvergenceTest;
import org.memspice.spice.element.Connections;
import org.memspice.spice.element.Element;
import org.memspice.spice.element.ElementCard;
import org.memspice.spice.element.ElementFactory;
import org.memspice.spice.element.LoadContext;
import org.memspice.spice.element.SetupContext;
import org.memspice.spice.element.TemperatureDependent;

/**
 * Junction diode {@code D name anode cathode model [area] [off]}, as ngspice's level-1 diode:
 * Shockley current with emission coefficient N, series resistance RS (an internal node),
 * depletion capacitance CJO/VJ/M with the forward-bias linearization above FC·VJ, transit-time
 * charge TT, reverse breakdown at BV (the knee placed where the reverse current reaches IBV, with
 * emission coefficient NBV and its own Newton limiting), and the temperature dependence of IS
 * (EG, XTI), VJ and CJO, and BV (TCV) from TNOM. Model defaults are SPICE's.
 */
public final class Diode implements Element, ConvergenceTest, TemperatureDependent, Connections {
    /** The model parameters memspice reads (KF and AF only shape noise, which no memspice analysis computes). */
    static final Set<String> PARAMETERS = Set.of("is", "n", "rs", "cjo", "cj0", "cj", "vj", "pb", "m", "mj", "fc", "bv",
            "ibv", "nbv", "tt", "level", "eg", "xti", "tnom", "tcv", "kf", "af");
    private static final double BOLTZMANN = Junctions.BOLTZMANN;
    private static final double CHARGE = Junctions.CHARGE;
    private static final double REFTEMP = 300.15;
    private static final double KELVIN = 273.15;

    private final String name;
    private final int anode;
    private final int cathode;
    private final boolean off;
    private final double area;
    private final double is;
    private final double n;
    private final double rs;
    private final double cjo;
    private final double vj;
    private final double m;
    private final double fc;
    private final double bv;
    private final boolean breakdownGiven;
    private final double ibv;
    private final double nbv;
    private final double tt;
    private final double eg;
    private final double xti;
    private final double tcv;
    private final double tnomGiven;

    // at the present temperature
    private double vte;
    private double vtebrk;
    private double tSatCur;
    private double tJctPot;
    private double tJctCap;
    private double tDepCap;
    private double tVcrit;
    private double tBreakdown;

    private int internal;
    private int state;
    private int voltageState;
    private ConductanceStamp junction;
    private ConductanceStamp series;
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
        this.area = area;
        this.is = model.get("is", 1e-14);
        this.n = model.get("n", 1);
        this.rs = model.get("rs", 0);
        this.cjo = model.get("cjo", model.get("cj0", model.get("cj", 0)));
        this.vj = model.get("vj", model.get("pb", 1));
        this.m = model.get("m", model.get("mj", 0.5));
        this.fc = model.get("fc", 0.5);
        this.breakdownGiven = model.has("bv");
        this.bv = model.get("bv", Double.POSITIVE_INFINITY);
        this.ibv = model.get("ibv", 1e-3);
        this.nbv = model.get("nbv", n);
        this.tt = model.get("tt", 0);
        this.eg = model.get("eg", 1.11);
        this.xti = model.get("xti", 3);
        this.tcv = model.get("tcv", 0);
        this.tnomGiven = model.get("tnom", Double.NaN);
        if (!(is > 0) || !(n > 0) || !(nbv > 0) || !(vj > 0) || !(fc < 1) || !(m < 1) || rs < 0 || cjo < 0 || tt < 0
                || !(area > 0) || breakdownGiven && !(bv > 0) || !(ibv > 0)) {
            throw new IllegalArgumentException("need IS, N, NBV, VJ, IBV, area > 0, FC < 1, M < 1, RS, CJO, TT >= 0"
                    + " and BV > 0 (model " + model.name() + ")");
        }
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
        voltageState = ctx.addStates(1, false); // vd as evaluated, for the predictor
    }

    @Override
    public void setup(SetupContext ctx) {
        junction = new ConductanceStamp(ctx, internal, cathode);
        if (rs > 0) {
            series = new ConductanceStamp(ctx, anode, internal);
        }
        nominal = (Double.isNaN(tnomGiven) ? ctx.options().tnom : tnomGiven) + KELVIN;
        reltol = ctx.options().reltol;
        temperature(ctx.options().temp);
    }

    private double nominal = 27 + KELVIN;
    private double reltol = 1e-3;

    /** ngspice's DIOtempUpdate for the parameters memspice reads. */
    @Override
    public void temperature(double celsius) {
        double temp = celsius + KELVIN;
        double vt = BOLTZMANN / CHARGE * temp;
        double vtnom = BOLTZMANN / CHARGE * nominal;
        double dt = temp - nominal;
        vte = n * vt;
        vtebrk = nbv * vt;
        double fact2 = temp / REFTEMP;
        double egfet = 1.16 - (7.02e-4 * temp * temp) / (temp + 1108);
        double arg = -egfet / (2 * BOLTZMANN * temp) + 1.1150877 / (BOLTZMANN * (REFTEMP + REFTEMP));
        double pbfact = -2 * vt * (1.5 * Math.log(fact2) + CHARGE * arg);
        double egfet1 = 1.16 - (7.02e-4 * nominal * nominal) / (nominal + 1108);
        double arg1 = -egfet1 / (BOLTZMANN * 2 * nominal) + 1.1150877 / (2 * BOLTZMANN * REFTEMP);
        double fact1 = nominal / REFTEMP;
        double pbfact1 = -2 * vtnom * (1.5 * Math.log(fact1) + CHARGE * arg1);
        double pbo = (vj - pbfact1) / fact1;
        double gmaold = (vj - pbo) / pbo;
        tJctCap = cjo * area / (1 + m * (400e-6 * (nominal - REFTEMP) - gmaold));
        tJctPot = pbfact + fact2 * pbo;
        double gmanew = (tJctPot - pbo) / pbo;
        tJctCap *= 1 + m * (400e-6 * (temp - REFTEMP) - gmanew);
        tSatCur = is * area * Math.exp((temp / nominal - 1) * eg / vte + xti / n * Math.log(temp / nominal));
        tDepCap = fc * tJctPot;
        if (tDepCap > 1) {
            tJctPot = 1 / fc;
            tDepCap = fc * tJctPot;
        }
        tVcrit = vte * Math.log(vte / (Math.sqrt(2) * tSatCur));
        if (breakdownGiven) {
            double tbv = bv - tcv * dt;
            double cbv = ibv;
            double xbv;
            if (cbv < tSatCur * tbv / vt) {
                xbv = tbv;
            } else {
                double tol = reltol * cbv;
                xbv = tbv - nbv * vt * Math.log(1 + cbv / tSatCur);
                for (int iter = 0; iter < 25; iter++) {
                    xbv = tbv - nbv * vt * Math.log(cbv / tSatCur + 1 - xbv / vt);
                    double xcbv = tSatCur * (Math.exp((tbv - xbv) / (nbv * vt)) - 1 + xbv / vt);
                    if (Math.abs(xcbv - cbv) <= tol) {
                        break;
                    }
                }
            }
            tBreakdown = xbv;
        } else {
            tBreakdown = Double.POSITIVE_INFINITY;
        }
        if (!Double.isFinite(tSatCur) || !(tSatCur > 0) || !Double.isFinite(tVcrit) || !(tJctPot > 0)
                || Double.isNaN(tBreakdown)) {
            throw new IllegalArgumentException(name + ": at " + celsius + " C the diode's saturation current ("
                    + tSatCur + " A) or junction potential (" + tJctPot + " V) is unusable");
        }
    }

    @Override
    public void connections(Sink sink) {
        sink.conductive(anode, internal); // RS, or the same node
        sink.conductive(internal, cathode); // the junction always carries at least gmin
        if (tJctCap != 0 || tt != 0) {
            sink.capacitive(internal, cathode);
        }
    }

    @Override
    public void load(LoadContext ctx) {
        if (series != null) {
            series.conductance(ctx, area / rs);
        }
        double vd = junction.voltage(ctx);
        if (ctx.predicting()) {
            // SPICE's predictor: extrapolate vd from the last two accepted points, limit against the last
            vd = ctx.predict(voltageState);
            vdLast = ctx.previousState(voltageState);
        }
        if (ctx.initJunctions()) {
            vd = off ? 0 : tVcrit;
        } else if (!ctx.initStates()) {
            double limited;
            if (breakdownGiven && vd < Math.min(0, -tBreakdown + 10 * vtebrk)) {
                // in breakdown the junction is steep again: limit -(vd + BV) like a forward junction
                double vdtemp = Junctions.pnjlim(-(vd + tBreakdown), -(vdLast + tBreakdown), vtebrk, tVcrit);
                limited = -(vdtemp + tBreakdown);
            } else {
                limited = Junctions.pnjlim(vd, vdLast, vte, tVcrit);
            }
            if (limited != vd) {
                ctx.nonConvergence();
                vd = limited;
            }
        }
        double gmin = ctx.gmin();
        double cdb;
        double gdb;
        if (vd >= -3 * vte) {
            double e = Junctions.safeExp(vd / vte);
            cdb = tSatCur * (e - 1);
            gdb = tSatCur * e / vte;
        } else if (!breakdownGiven || vd >= -tBreakdown) {
            double arg = 3 * vte / (vd * Math.E);
            arg = arg * arg * arg;
            cdb = -tSatCur * (1 + arg);
            gdb = tSatCur * 3 * arg / vd;
        } else {
            double e = Junctions.safeExp(-(tBreakdown + vd) / vtebrk);
            cdb = -tSatCur * e;
            gdb = tSatCur * e / vtebrk;
        }
        double i = cdb + gmin * vd;
        double g = gdb + gmin;
        if (ctx.isTransient()) {
            charge(vd, cdb, gdb);
            double icap = ctx.integrate(state, junctionCharge);
            g += ctx.ag0() * junctionCapacitance;
            i += icap;
        }
        // the convergence test predicts the whole junction current, charge current included, as ngspice's
        vdLast = vd;
        ctx.holdState(voltageState, vd);
        idLast = i;
        gdLast = g;
        junction.linearized(ctx, g, i, vd);
    }

    /**
     * Sets {@link #junctionCharge} and {@link #junctionCapacitance} at vd: depletion (linearized
     * above FC·VJ) plus transit time. Fields, not a returned array: this runs every Newton iteration.
     */
    private void charge(double vd, double cdb, double gdb) {
        double q;
        double c;
        if (tJctCap == 0) {
            q = 0;
            c = 0;
        } else if (vd < tDepCap) {
            double arg = 1 - vd / tJctPot;
            double sarg = Math.exp(-m * Math.log(arg));
            q = tJctPot * tJctCap * (1 - arg * sarg) / (1 - m);
            c = tJctCap * sarg;
        } else {
            double xfc = Math.log(1 - fc);
            double f1 = tJctPot * (1 - Math.exp((1 - m) * xfc)) / (1 - m);
            double f2 = Math.exp((1 + m) * xfc);
            double f3 = 1 - fc * (1 + m);
            double czof2 = tJctCap / f2;
            q = tJctCap * f1 + czof2 * (f3 * (vd - tDepCap) + m / (2 * tJctPot) * (vd * vd - tDepCap * tDepCap));
            c = czof2 * (f3 + m * vd / tJctPot);
        }
        junctionCharge = q + tt * cdb;
        junctionCapacitance = c + tt * gdb;
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
            double level = model.get("level", 1);
            if (level != 1) {
                throw card.error("diode LEVEL=" + level + " (model " + model.name() + ") is not supported; memspice"
                        + " has the level-1 (SPICE) diode only");
            }
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
                throw card.error("unknown diode instance parameter(s) " + kv.keySet() + " (known: area)");
            }
            try {
                return new Diode(card.name(), a, c, model, area, off);
            } catch (IllegalArgumentException e) {
                throw card.error(e.getMessage());
            }
        }
    }
}
