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
import org.memspice.spice.element.ParameterSensitive;
import org.memspice.spice.element.StateJacobian;
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
public final class Diode implements Element, ConvergenceTest, TemperatureDependent, Connections, ParameterSensitive,
        StateJacobian {
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
    private double area;
    private double is;
    private double n;
    private double rs;
    private double cjo;
    private double vj;
    private double m;
    private double fc;
    private double bv;
    private final boolean breakdownGiven;
    private double ibv;
    private double nbv;
    private double tt;
    private double eg;
    private double xti;
    private double tcv;
    private final double tnomGiven;
    private final String modelName;
    private double celsius = 27;

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
        this.modelName = model.name();
        String bad = invalid();
        if (bad != null) {
            throw new IllegalArgumentException(bad + " (model " + model.name() + ")");
        }
    }

    /** Why the parameters are unusable, or null. */
    private String invalid() {
        if (!(is > 0) || !(n > 0) || !(nbv > 0) || !(vj > 0) || !(fc < 1) || !(m < 1) || rs < 0 || cjo < 0 || tt < 0
                || !(area > 0) || breakdownGiven && !(bv > 0) || !(ibv > 0)) {
            return "need IS, N, NBV, VJ, IBV, area > 0, FC < 1, M < 1, RS, CJO, TT >= 0 and BV > 0";
        }
        return null;
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
        this.celsius = celsius;
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
        current(vd);
        double cdb = diodeCurrent;
        double gdb = diodeConductance;
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

    private double diodeCurrent;
    private double diodeConductance;

    /** The junction's static current and conductance at vd (without gmin) into the two fields above. */
    private void current(double vd) {
        if (vd >= -3 * vte) {
            double e = Junctions.safeExp(vd / vte);
            diodeCurrent = tSatCur * (e - 1);
            diodeConductance = tSatCur * e / vte;
        } else if (!breakdownGiven || vd >= -tBreakdown) {
            double arg = 3 * vte / (vd * Math.E);
            arg = arg * arg * arg;
            diodeCurrent = -tSatCur * (1 + arg);
            diodeConductance = tSatCur * 3 * arg / vd;
        } else {
            double e = Junctions.safeExp(-(tBreakdown + vd) / vtebrk);
            diodeCurrent = -tSatCur * e;
            diodeConductance = tSatCur * e / vtebrk;
        }
    }

    /** The differentiable parameters: the instance's area, then the model's (temperature included). */
    private static final List<String> SENSITIVITY = List.of("area", "is", "n", "rs", "cjo", "vj", "m", "fc", "bv",
            "ibv", "nbv", "tt", "eg", "xti", "tcv", "tnom");

    @Override
    public List<String> sensitivityParameters() {
        return SENSITIVITY;
    }

    @Override
    public String modelName() {
        return modelName;
    }

    @Override
    public String notDifferentiable(int k) {
        String p = SENSITIVITY.get(k);
        if (p.equals("rs") && rs == 0) {
            return "RS = 0 (model " + modelName + "): the diode has no series resistance and no internal node;"
                    + " give RS > 0 to differentiate it";
        }
        if ((p.equals("bv") || p.equals("ibv") || p.equals("nbv")) && !breakdownGiven) {
            return "BV is not given (model " + modelName + "): the diode has no breakdown";
        }
        return null;
    }

    @Override
    public double parameterValue(int k) {
        return switch (SENSITIVITY.get(k)) {
            case "area" -> area;
            case "is" -> is;
            case "n" -> n;
            case "rs" -> rs;
            case "cjo" -> cjo;
            case "vj" -> vj;
            case "m" -> m;
            case "fc" -> fc;
            case "bv" -> bv;
            case "ibv" -> ibv;
            case "nbv" -> nbv;
            case "tt" -> tt;
            case "eg" -> eg;
            case "xti" -> xti;
            case "tcv" -> tcv;
            case "tnom" -> nominal - KELVIN;
            default -> throw new IllegalArgumentException(name + ": no parameter " + k);
        };
    }

    @Override
    public void setParameterValue(int k, double value) {
        String why = notDifferentiable(k);
        if (why != null && value != parameterValue(k)) {
            throw new IllegalArgumentException(name + ": " + why);
        }
        if (!Double.isFinite(value) || SENSITIVITY.get(k).equals("rs") && !(value > 0)) {
            throw new IllegalArgumentException(name + ": " + SENSITIVITY.get(k) + " = " + value + " is unusable");
        }
        double old = parameterValue(k);
        put(k, value);
        String bad = invalid();
        if (bad == null) {
            try {
                temperature(celsius);
                return;
            } catch (IllegalArgumentException e) {
                bad = e.getMessage();
            }
        }
        put(k, old);
        temperature(celsius);
        throw new IllegalArgumentException(name + ": " + SENSITIVITY.get(k) + " = " + value + ": " + bad);
    }

    private void put(int k, double value) {
        switch (SENSITIVITY.get(k)) {
            case "area" -> area = value;
            case "is" -> is = value;
            case "n" -> n = value;
            case "rs" -> rs = value;
            case "cjo" -> cjo = value;
            case "vj" -> vj = value;
            case "m" -> m = value;
            case "fc" -> fc = value;
            case "bv" -> bv = value;
            case "ibv" -> ibv = value;
            case "nbv" -> nbv = value;
            case "tt" -> tt = value;
            case "eg" -> eg = value;
            case "xti" -> xti = value;
            case "tcv" -> tcv = value;
            case "tnom" -> nominal = value + KELVIN;
            default -> throw new IllegalArgumentException(name + ": no parameter " + k);
        }
    }

    /** Absolute difference steps for parameters at 0 (a step relative to the value would vanish). */
    private double step(int k) {
        double v = parameterValue(k);
        if (v != 0) {
            return 1e-6 * Math.abs(v);
        }
        return switch (SENSITIVITY.get(k)) {
            case "cjo" -> 1e-18;
            case "tt" -> 1e-15;
            default -> 1e-6;
        };
    }

    /**
     * ∂F/∂p and ∂q/∂p by central differences of the diode's own equations (the temperature update,
     * the junction current and charge at the solution's vd, step 1e-6 relative), except RS, whose
     * series current (V(a) − V(i))·area/RS is differentiated analytically. In DC only F.
     */
    @Override
    public void parameterDerivative(int k, LoadContext ctx, SensitivitySink sink) {
        String p = SENSITIVITY.get(k);
        if (series != null && (p.equals("rs") || p.equals("area"))) {
            double vs = ctx.v(anode) - ctx.v(internal);
            double di = p.equals("rs") ? -area / (rs * rs) * vs : vs / rs;
            sink.residual(anode, di);
            sink.residual(internal, -di);
            if (p.equals("rs")) {
                return; // the junction does not depend on RS
            }
        }
        double vd = junction.voltage(ctx);
        double v = parameterValue(k);
        double h = step(k);
        double[] up = junctionAt(k, v + h, vd, ctx.isTransient());
        double[] down = junctionAt(k, v - h, vd, ctx.isTransient());
        put(k, v);
        temperature(celsius);
        double di = (up[0] - down[0]) / (2 * h);
        sink.residual(internal, di);
        sink.residual(cathode, -di);
        if (ctx.isTransient()) {
            sink.state(state, (up[1] - down[1]) / (2 * h));
        }
    }

    /** The junction's static current and charge at vd with parameter k at value (left set). */
    private double[] junctionAt(int k, double value, double vd, boolean charge) {
        put(k, value);
        temperature(celsius);
        current(vd);
        double q = 0;
        if (charge) {
            charge(vd, diodeCurrent, diodeConductance);
            q = junctionCharge;
        }
        return new double[] {diodeCurrent, q};
    }

    /** The junction charge leaves the internal anode and enters the cathode; ∂q/∂vd is its capacitance. */
    @Override
    public void stateJacobian(LoadContext ctx, StateJacobian.StateSink sink) {
        double vd = junction.voltage(ctx);
        current(vd);
        charge(vd, diodeCurrent, diodeConductance);
        sink.incidence(state, internal, 1);
        sink.incidence(state, cathode, -1);
        sink.gradient(state, internal, junctionCapacitance);
        sink.gradient(state, cathode, -junctionCapacitance);
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
