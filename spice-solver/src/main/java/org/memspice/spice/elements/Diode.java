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

    /** The differentiable parameters: the instance's area, then the model's (temperature included). */
    private static final List<String> SENSITIVITY = List.of("area", "is", "n", "rs", "cjo", "vj", "m", "fc", "bv",
            "ibv", "nbv", "tt", "eg", "xti", "tcv", "tnom");
    private static final int AREA = SENSITIVITY.indexOf("area");
    private static final int IS = SENSITIVITY.indexOf("is");
    private static final int N = SENSITIVITY.indexOf("n");
    private static final int CJO = SENSITIVITY.indexOf("cjo");
    private static final int VJ = SENSITIVITY.indexOf("vj");
    private static final int M = SENSITIVITY.indexOf("m");
    private static final int FC = SENSITIVITY.indexOf("fc");
    private static final int BV = SENSITIVITY.indexOf("bv");
    private static final int IBV = SENSITIVITY.indexOf("ibv");
    private static final int NBV = SENSITIVITY.indexOf("nbv");
    private static final int TT = SENSITIVITY.indexOf("tt");
    private static final int EG = SENSITIVITY.indexOf("eg");
    private static final int XTI = SENSITIVITY.indexOf("xti");
    private static final int TCV = SENSITIVITY.indexOf("tcv");
    private static final int TNOM = SENSITIVITY.indexOf("tnom");

    // what the junction's current and charge read, as positions in a row of scaledDerivatives
    private static final int D_VTE = 0;
    private static final int D_VTEBRK = 1;
    private static final int D_SATCUR = 2;
    private static final int D_JCTPOT = 3;
    private static final int D_JCTCAP = 4;
    private static final int D_DEPCAP = 5;
    private static final int D_BREAKDOWN = 6;
    private static final int D_M = 7;
    private static final int D_FC = 8;
    private static final int D_TT = 9;
    private static final int SCALED = 10;

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
    /**
     * Row k: the derivatives of vte, vtebrk, tSatCur, tJctPot, tJctCap, tDepCap, tBreakdown, m, fc
     * and tt (positions D_*) with respect to parameter k at the present temperature, filled when
     * first asked for (bit k of scaledValid) and forgotten by every temperature update.
     */
    private final double[][] scaledDerivatives = new double[SENSITIVITY.size()][SCALED];
    private int scaledValid;

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
        scaledValid = 0;
        update(-1, null);
    }

    /** Row k of {@link #scaledDerivatives}, computed if the present temperature update has not yet. */
    private double[] scaledDerivatives(int k) {
        if ((scaledValid & 1 << k) == 0) {
            update(k, scaledDerivatives[k]);
            scaledValid |= 1 << k;
        }
        return scaledDerivatives[k];
    }

    /**
     * Sets the temperature-scaled values at {@link #celsius} (ngspice's DIOtempUpdate) and, when
     * {@code d} is not null, their derivatives with respect to parameter {@code seed} into it
     * (positions D_*): forward-mode, each intermediate followed by its derivative; the breakdown
     * knee found by iteration is differentiated by the implicit function theorem at the converged
     * value. With seed -1 every derivative is 0.
     */
    private void update(int seed, double[] d) {
        double sArea = seed == AREA ? 1 : 0;
        double sIs = seed == IS ? 1 : 0;
        double sN = seed == N ? 1 : 0;
        double sCjo = seed == CJO ? 1 : 0;
        double sVj = seed == VJ ? 1 : 0;
        double sM = seed == M ? 1 : 0;
        double sFc = seed == FC ? 1 : 0;
        double sBv = seed == BV ? 1 : 0;
        double sIbv = seed == IBV ? 1 : 0;
        double sNbv = seed == NBV ? 1 : 0;
        double sEg = seed == EG ? 1 : 0;
        double sXti = seed == XTI ? 1 : 0;
        double sTcv = seed == TCV ? 1 : 0;
        double sNom = seed == TNOM ? 1 : 0; // d(nominal)/d(tnom): both in degrees
        double temp = celsius + KELVIN;
        double vt = BOLTZMANN / CHARGE * temp;
        double vtnom = BOLTZMANN / CHARGE * nominal;
        double dVtnom = BOLTZMANN / CHARGE * sNom;
        double dt = temp - nominal;
        vte = n * vt;
        double dVte = sN * vt;
        vtebrk = nbv * vt;
        double dVtebrk = sNbv * vt;
        double fact2 = temp / REFTEMP;
        double egfet = 1.16 - (7.02e-4 * temp * temp) / (temp + 1108);
        double arg = -egfet / (2 * BOLTZMANN * temp) + 1.1150877 / (BOLTZMANN * (REFTEMP + REFTEMP));
        double pbfact = -2 * vt * (1.5 * Math.log(fact2) + CHARGE * arg);
        double egfet1 = 1.16 - (7.02e-4 * nominal * nominal) / (nominal + 1108);
        double dEgfet1 = -7.02e-4 * nominal * (nominal + 2216) / ((nominal + 1108) * (nominal + 1108)) * sNom;
        double arg1 = -egfet1 / (BOLTZMANN * 2 * nominal) + 1.1150877 / (2 * BOLTZMANN * REFTEMP);
        double dArg1 = (-dEgfet1 + egfet1 * sNom / nominal) / (BOLTZMANN * 2 * nominal);
        double fact1 = nominal / REFTEMP;
        double dFact1 = sNom / REFTEMP;
        double pbfact1 = -2 * vtnom * (1.5 * Math.log(fact1) + CHARGE * arg1);
        double dPbfact1 = -2 * dVtnom * (1.5 * Math.log(fact1) + CHARGE * arg1)
                - 2 * vtnom * (1.5 * dFact1 / fact1 + CHARGE * dArg1);
        double pbo = (vj - pbfact1) / fact1;
        double dPbo = (sVj - dPbfact1 - pbo * dFact1) / fact1;
        double gmaold = (vj - pbo) / pbo;
        double dGmaold = (sVj * pbo - vj * dPbo) / (pbo * pbo);
        double capNom = 1 + m * (400e-6 * (nominal - REFTEMP) - gmaold);
        double dCapNom = sM * (400e-6 * (nominal - REFTEMP) - gmaold) + m * (400e-6 * sNom - dGmaold);
        tJctCap = cjo * area / capNom;
        double dJctCap = (sCjo * area + cjo * sArea - tJctCap * dCapNom) / capNom;
        tJctPot = pbfact + fact2 * pbo;
        double dJctPot = fact2 * dPbo;
        double gmanew = (tJctPot - pbo) / pbo;
        double dGmanew = (dJctPot * pbo - tJctPot * dPbo) / (pbo * pbo);
        double capTemp = 1 + m * (400e-6 * (temp - REFTEMP) - gmanew);
        double dCapTemp = sM * (400e-6 * (temp - REFTEMP) - gmanew) - m * dGmanew;
        dJctCap = dJctCap * capTemp + tJctCap * dCapTemp;
        tJctCap *= capTemp;
        double ratio = temp / nominal;
        double dRatio = -ratio * sNom / nominal;
        double lnRatio = Math.log(ratio);
        tSatCur = is * area * Math.exp((ratio - 1) * eg / vte + xti / n * lnRatio);
        double dSatCur = tSatCur * (sIs / is + sArea / area + (dRatio * eg + (ratio - 1) * sEg) / vte
                - (ratio - 1) * eg * dVte / (vte * vte) + (sXti - xti * sN / n) / n * lnRatio
                + xti / n * dRatio / ratio);
        tDepCap = fc * tJctPot;
        double dDepCap = sFc * tJctPot + fc * dJctPot;
        if (tDepCap > 1) {
            tJctPot = 1 / fc;
            dJctPot = -sFc / (fc * fc);
            tDepCap = fc * tJctPot;
            dDepCap = 0;
        }
        tVcrit = vte * Math.log(vte / (Math.sqrt(2) * tSatCur));
        double dBreakdown = 0;
        if (breakdownGiven) {
            double tbv = bv - tcv * dt;
            double dTbv = sBv - sTcv * dt + tcv * sNom;
            double cbv = ibv;
            double xbv;
            if (cbv < tSatCur * tbv / vt) {
                xbv = tbv;
                dBreakdown = dTbv;
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
                // xbv solves R = xbv - tbv + nbv·vt·ln(a) = 0 with a = cbv/tSatCur + 1 - xbv/vt:
                // dxbv = -(∂R/∂p)/(∂R/∂xbv), ∂R/∂xbv = 1 - nbv/a
                double a = cbv / tSatCur + 1 - xbv / vt;
                double dA = sIbv / tSatCur - cbv * dSatCur / (tSatCur * tSatCur);
                dBreakdown = (dTbv - sNbv * vt * Math.log(a) - nbv * vt * dA / a) / (1 - nbv / a);
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
        if (d != null) {
            d[D_VTE] = dVte;
            d[D_VTEBRK] = dVtebrk;
            d[D_SATCUR] = dSatCur;
            d[D_JCTPOT] = dJctPot;
            d[D_JCTCAP] = dJctCap;
            d[D_DEPCAP] = dDepCap;
            d[D_BREAKDOWN] = dBreakdown;
            d[D_M] = sM;
            d[D_FC] = sFc;
            d[D_TT] = seed == TT ? 1 : 0;
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
    private double currentDerivative;

    /** The junction's static current and conductance at vd (without gmin) into the two fields above. */
    private void current(double vd) {
        current(vd, null);
    }

    /**
     * As {@link #current(double)}, and with {@code d} (a row of {@link #scaledDerivatives}) also the
     * current's derivative with respect to that row's parameter at fixed vd into {@link #currentDerivative}.
     */
    private void current(double vd, double[] d) {
        if (vd >= -3 * vte) {
            double x = vd / vte;
            double e = Junctions.safeExp(x);
            diodeCurrent = tSatCur * (e - 1);
            diodeConductance = tSatCur * e / vte;
            if (d != null) {
                double de = e == Math.exp(x) ? -e * x * d[D_VTE] / vte : 0; // above safeExp's limit e is constant
                currentDerivative = d[D_SATCUR] * (e - 1) + tSatCur * de;
            }
        } else if (!breakdownGiven || vd >= -tBreakdown) {
            double arg = 3 * vte / (vd * Math.E);
            arg = arg * arg * arg;
            diodeCurrent = -tSatCur * (1 + arg);
            diodeConductance = tSatCur * 3 * arg / vd;
            if (d != null) {
                currentDerivative = -d[D_SATCUR] * (1 + arg) - tSatCur * 3 * arg * d[D_VTE] / vte;
            }
        } else {
            double x = -(tBreakdown + vd) / vtebrk;
            double e = Junctions.safeExp(x);
            diodeCurrent = -tSatCur * e;
            diodeConductance = tSatCur * e / vtebrk;
            if (d != null) {
                double dx = e == Math.exp(x) ? -(d[D_BREAKDOWN] + x * d[D_VTEBRK]) / vtebrk : 0;
                currentDerivative = -d[D_SATCUR] * e - tSatCur * e * dx;
            }
        }
    }

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

    /**
     * ∂F/∂p and ∂q/∂p analytically at the solution's vd: RS's series current (V(a) − V(i))·area/RS
     * directly, the junction's current and charge through the chain rule over the temperature
     * update ({@link #update}). In DC only F.
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
        junctionDerivatives(k, vd, ctx.isTransient());
        sink.residual(internal, currentDerivative);
        sink.residual(cathode, -currentDerivative);
        if (ctx.isTransient()) {
            sink.state(state, chargeDerivative);
        }
    }

    /** Sets currentDerivative and, when {@code charge}, chargeDerivative: the junction's, at vd, by parameter k. */
    private void junctionDerivatives(int k, double vd, boolean charge) {
        double[] d = scaledDerivatives(k);
        current(vd, d);
        if (charge) {
            charge(vd, diodeCurrent, diodeConductance, d, currentDerivative);
        }
    }

    /** The junction's static current at vd (without gmin): for tests against {@link #currentDerivative(int, double)}. */
    double junctionCurrent(double vd) {
        current(vd);
        return diodeCurrent;
    }

    /** The junction's charge at vd (depletion plus transit time). */
    double junctionCharge(double vd) {
        current(vd);
        charge(vd, diodeCurrent, diodeConductance);
        return junctionCharge;
    }

    /** ∂(junction current)/∂(parameter k) at fixed vd. */
    double currentDerivative(int k, double vd) {
        junctionDerivatives(k, vd, false);
        return currentDerivative;
    }

    /** ∂(junction charge)/∂(parameter k) at fixed vd. */
    double chargeDerivative(int k, double vd) {
        junctionDerivatives(k, vd, true);
        return chargeDerivative;
    }

    /** ∂(breakdown knee at temperature)/∂(parameter k). */
    double kneeDerivative(int k) {
        return scaledDerivatives(k)[D_BREAKDOWN];
    }

    /** FC·VJ at temperature, where the depletion charge turns linearized. */
    double depletionLimit() {
        return tDepCap;
    }

    /** The breakdown knee at temperature (infinite without BV). */
    double breakdownKnee() {
        return tBreakdown;
    }

    /** N·kT/q at temperature. */
    double emissionVoltage() {
        return vte;
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
        charge(vd, cdb, gdb, null, 0);
    }

    private double chargeDerivative;

    /**
     * As {@link #charge(double, double, double)}, and with {@code d} (a row of {@link #scaledDerivatives})
     * and {@code dcdb} (the static current's derivative) also the charge's derivative with respect to
     * that row's parameter at fixed vd into {@link #chargeDerivative} (with CJO = 0 too, where the
     * depletion charge is 0 but not its derivative by CJO).
     */
    private void charge(double vd, double cdb, double gdb, double[] d, double dcdb) {
        double q;
        double c;
        double dq = 0;
        if (tJctCap == 0 && (d == null || d[D_JCTCAP] == 0)) {
            q = 0;
            c = 0;
        } else if (vd < tDepCap) {
            double arg = 1 - vd / tJctPot;
            double sarg = Math.exp(-m * Math.log(arg));
            q = tJctPot * tJctCap * (1 - arg * sarg) / (1 - m);
            c = tJctCap * sarg;
            if (d != null) {
                double dArg = vd * d[D_JCTPOT] / (tJctPot * tJctPot);
                // arg·sarg = arg^(1 − m)
                double dPower = arg * sarg * (-d[D_M] * Math.log(arg) + (1 - m) * dArg / arg);
                dq = ((d[D_JCTPOT] * tJctCap + tJctPot * d[D_JCTCAP]) * (1 - arg * sarg) - tJctPot * tJctCap * dPower
                        + q * d[D_M]) / (1 - m);
            }
        } else {
            double xfc = Math.log(1 - fc);
            double f1 = tJctPot * (1 - Math.exp((1 - m) * xfc)) / (1 - m);
            double f2 = Math.exp((1 + m) * xfc);
            double f3 = 1 - fc * (1 + m);
            double czof2 = tJctCap / f2;
            double h = f3 * (vd - tDepCap) + m / (2 * tJctPot) * (vd * vd - tDepCap * tDepCap);
            q = tJctCap * f1 + czof2 * h;
            c = czof2 * (f3 + m * vd / tJctPot);
            if (d != null) {
                double dXfc = -d[D_FC] / (1 - fc);
                double g = Math.exp((1 - m) * xfc);
                double dG = g * (-d[D_M] * xfc + (1 - m) * dXfc);
                double dF1 = (d[D_JCTPOT] * (1 - g) - tJctPot * dG + f1 * d[D_M]) / (1 - m);
                double dF2 = f2 * (d[D_M] * xfc + (1 + m) * dXfc);
                double dF3 = -d[D_FC] * (1 + m) - fc * d[D_M];
                double dCzof2 = (d[D_JCTCAP] - czof2 * dF2) / f2;
                double dH = dF3 * (vd - tDepCap) - f3 * d[D_DEPCAP]
                        + (d[D_M] - m * d[D_JCTPOT] / tJctPot) / (2 * tJctPot) * (vd * vd - tDepCap * tDepCap)
                        - m / tJctPot * tDepCap * d[D_DEPCAP];
                dq = d[D_JCTCAP] * f1 + tJctCap * dF1 + dCzof2 * h + czof2 * dH;
            }
        }
        junctionCharge = q + tt * cdb;
        junctionCapacitance = c + tt * gdb;
        if (d != null) {
            chargeDerivative = dq + d[D_TT] * cdb + tt * dcdb;
        }
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
