package org.memspice.spice.elements;

import java.util.HashMap;
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
import org.memspice.spice.element.SetupContext;
import org.memspice.spice.element.StateJacobian;
import org.memspice.spice.element.StepListener;
import org.memspice.spice.element.TemperatureDependent;

/**
 * MOSFET {@code M name d g s b model [W=] [L=] [M=] [AD=] [AS=] [PD=] [PS=] [NRD=] [NRS=]}, NMOS or
 * PMOS, level 1 (Shichman-Hodges, ngspice's MOS1: square-law current with LAMBDA and the body
 * effect GAMMA, PHI) or level 2 (Grove-Frohman, ngspice's MOS2: {@link Level2Channel}). Both have
 * series resistances (RD, RS, or RSH times NRD/NRS squares), bulk junction diodes (IS or JS times
 * the areas) with their depletion capacitances (CBD/CBS or CJ times the areas, CJSW times the
 * perimeters, PB, MJ, MJSW, FC), Meyer's gate capacitances from the oxide (TOX) and the overlap
 * capacitances CGSO·W, CGDO·W, CGBO·Leff, and temperature scaling from TNOM. Instance defaults as
 * ngspice: W = L = 100 µm unless the model card gives them.
 *
 * <p>Parameter sensitivities ({@link ParameterSensitive}), level 1: W, L and the model parameters
 * that set the currents and charges, every one differentiated analytically at fixed terminal
 * voltages (none by differences): the channel current ({@link Level1Channel}'s partials in its
 * threshold, β, γ, φ, λ), the series resistors' currents, the bulk junctions' currents and depletion
 * charges, and Meyer's gate charges with the overlaps, through the model card's preprocessing (KP
 * from U0 and TOX, PHI, GAMMA and VTO from NSUB, NSS and TOX) and temperature scaling
 * ({@link MosModel#tangent}) and the geometry (Leff = L − 2·LD, β = KP·M·W/Leff). Level 2 is
 * refused: its channel derivatives (ngspice's MOS2) are approximate, and a sensitivity solves with
 * the Jacobian.
 *
 * <p>Transient sensitivities ({@link StateJacobian}), level 1: the bulk junction charges are
 * charges of the present point; Meyer's gate charges are integrated as ngspice does,
 * q<sub>n</sub> = q<sub>n−1</sub> + (V<sub>n</sub> − V<sub>n−1</sub>)·(H(x<sub>n</sub>) + H(x<sub>n−1</sub>) +
 * overlap) with H the Meyer half-capacitances, so they are reported as increments with their
 * dependence on the previous point, and with the part of ∂q<sub>n</sub>/∂x<sub>n</sub> that the Newton
 * stamp (the averaged capacitance only) leaves out: (V<sub>n</sub> − V<sub>n−1</sub>)·∂H/∂x<sub>n</sub>.
 * ∂H/∂v is analytic: Meyer's partials through the threshold's body effect and vdsat.
 */
public final class Mosfet implements Element, ConvergenceTest, StepListener, TemperatureDependent, Connections,
        ParameterSensitive, StateJacobian {
    private static final Set<String> INSTANCE = Set.of("w", "l", "m", "ad", "as", "pd", "ps", "nrd", "nrs");
    /** Instance W and L, then the model parameters that enter the DC currents (level 2's own last). */
    private static final List<String> SENSITIVITY = List.of("w", "l", "vto", "kp", "gamma", "phi", "lambda", "rd", "rs", "is",
            "js", "ld", "tox", "u0", "nsub", "nss", "cgso", "cgdo", "cgbo", "cbd", "cbs", "cj", "cjsw", "mj", "mjsw", "pb",
            "fc", "delta", "uexp", "ucrit", "vmax", "xj", "neff", "nfs");
    /** Model parameters whose absence means something else than a value (derived from others, or a feature off). */
    private static final Set<String> ONLY_WHEN_GIVEN = Set.of("rd", "rs", "js", "tox", "u0", "nsub", "nss", "cbd", "cbs", "cj",
            "cjsw", "delta", "uexp", "ucrit", "vmax", "xj", "neff", "nfs");
    private static final double SQRT2 = Math.sqrt(2);

    /*
     * Parameter derivatives go through the quantities the device's equations read (indices U_*): the
     * threshold in the type frame, β, γ, φ and λ of the channel, the series conductances, the junctions'
     * saturation currents, the oxide and overlap capacitances and the junctions' zero-bias capacitances,
     * grading coefficients, built-in potential and FC. ∂u/∂p (the chain rule through the model card's
     * preprocessing, the temperature scaling and the geometry) is worked out once per parameter and
     * kept until a parameter or the temperature changes; ∂F/∂u and ∂q/∂u once per point, shared by
     * all parameters.
     */
    private static final int U_VTO = 0;
    private static final int U_BETA = 1;
    private static final int U_GAMMA = 2;
    private static final int U_PHI = 3;
    private static final int U_LAMBDA = 4;
    private static final int U_GD = 5;
    private static final int U_GS = 6;
    private static final int U_DSAT = 7;
    private static final int U_SSAT = 8;
    private static final int U_COX = 9;
    /** The overlaps gate-source, gate-drain, gate-bulk: U_OVERLAP + k for gate charge k. */
    private static final int U_OVERLAP = 10;
    private static final int U_CZBD = 13;
    private static final int U_CZSWD = 14;
    private static final int U_CZBS = 15;
    private static final int U_CZSWS = 16;
    private static final int U_MJ = 17;
    private static final int U_MJSW = 18;
    private static final int U_PB = 19;
    private static final int U_FC = 20;
    private static final int U_COUNT = 21;
    /** Rows of the per-point partials: the residual at d, d', s, s', b, then the charges qbd, qbs, qgs, qgd, qgb. */
    private static final int ROWS = 10;

    private final String name;
    private final int d;
    private final int g;
    private final int s;
    private final int b;
    private final ModelCard card;
    /** The model card's values as this device uses them (a sensitivity analysis changes them here). */
    private final Map<String, Double> modelValues;
    private final int type;
    private double w;
    private double l;
    private final double mult;
    private final double ad;
    private final double as;
    private final double pd;
    private final double ps;
    private final double nrd;
    private final double nrs;

    // from the model card, at set-up (the nominal temperature is an option)
    private double nominalCelsius;
    private double celsius;
    private MosModel model;
    private double drainConductance;
    private double sourceConductance;
    private double leff;
    private double gateSourceOverlap;
    private double gateDrainOverlap;
    private double gateBulkOverlap;

    // at the present temperature
    private MosChannel channelModel;
    /** The same channel at level 1 (null at level 2), for its parameter partials. */
    private Level1Channel level1;
    private double vt;
    private double oxideCap;
    private double drainSat;
    private double sourceSat;
    private double drainVcrit;
    private double sourceVcrit;
    private JunctionCap drainJunction = new JunctionCap();
    private JunctionCap sourceJunction = new JunctionCap();

    private int dp;
    private int sp;
    private int junctionStates;
    private int gateStates;
    private int voltageStates;
    private LinearizedCurrent channel;
    private ConductanceStamp bulkSource;
    private ConductanceStamp bulkDrain;
    private ConductanceStamp drainResistor;
    private ConductanceStamp sourceResistor;
    private ConductanceStamp gateSource;
    private ConductanceStamp gateDrain;
    private ConductanceStamp gateBulk;

    // the last evaluation (type frame), for limiting, convergence tests and Meyer's history
    private boolean hasPrevious;
    private double vgsOld;
    private double vdsOld;
    private double vbsOld;
    private double von;
    private double vdsat;
    private double idOld;
    private double cbsOld;
    private double cbdOld;
    private double gbsOld;
    private double gbdOld;
    private final double[] gOld = new double[3];
    private final double[] gBuf = new double[3];
    private final double[] vBuf = new double[3];
    private final double[] meyer = new double[3];
    private final double[] halves = new double[3];
    private final double[] acceptedHalves = new double[3];
    private final double[] gateVoltages = new double[3];
    private final double[] acceptedGateVoltages = new double[3];

    /** A bulk junction's depletion capacitance at zero bias and its forward-bias continuation. */
    private static final class JunctionCap {
        double bottom;
        double side;
        double f2;
        double f3;
        double f4;

        void set(MosModel m, double czb, double czsw) {
            bottom = czb;
            side = czsw;
            double arg = 1 - m.fc;
            double sarg = Math.exp(-m.mj * Math.log(arg));
            double sargsw = Math.exp(-m.mjsw * Math.log(arg));
            f2 = czb * (1 - m.fc * (1 + m.mj)) * sarg / arg + czsw * (1 - m.fc * (1 + m.mjsw)) * sargsw / arg;
            f3 = czb * m.mj * sarg / arg / m.tBulkPot + czsw * m.mjsw * sargsw / arg / m.tBulkPot;
            f4 = czb * m.tBulkPot * (1 - arg * sarg) / (1 - m.mj) + czsw * m.tBulkPot * (1 - arg * sargsw) / (1 - m.mjsw)
                    - f3 / 2 * (m.tDepCap * m.tDepCap) - m.tDepCap * f2;
        }

        boolean present() {
            return bottom != 0 || side != 0;
        }

        /**
         * ∂q/∂(bottom, side, mj, mjsw, tBulkPot, fc) of {@link #charge} at v: the zero-bias capacitances'
         * into {@code row[uBottom]} and {@code row[uSide]}, the rest added to the rows' U_MJ, U_MJSW,
         * U_PB and U_FC. {@code unit} is scratch of 4.
         */
        void chargePartials(MosModel m, double v, double[] unit, double[] row, int uBottom, int uSide) {
            unitCharge(v, m.mj, m.tBulkPot, m.fc, unit);
            row[uBottom] = unit[0];
            row[U_MJ] += bottom * unit[1];
            row[U_PB] += bottom * unit[2];
            row[U_FC] += bottom * unit[3];
            unitCharge(v, m.mjsw, m.tBulkPot, m.fc, unit);
            row[uSide] = unit[0];
            row[U_MJSW] += side * unit[1];
            row[U_PB] += side * unit[2];
            row[U_FC] += side * unit[3];
        }

        /**
         * The charge of a unit zero-bias capacitance with grading g, built-in potential pb and forward
         * bias coefficient fc at v, and its derivatives in g, pb and fc, into out[0..3]. Below fc·pb
         * q = pb·(1 − a<sup>1−g</sup>)/(1 − g) with a = 1 − v/pb; above, its second-order continuation from
         * D = fc·pb, q(D) + C(D)·(v − D) + C'(D)·(v − D)²/2 ({@link #set}'s f2, f3, f4 expanded).
         */
        static void unitCharge(double v, double g, double pb, double fc, double[] out) {
            double oneLess = 1 - g;
            if (v < fc * pb) {
                double arg = 1 - v / pb;
                double lnArg = Math.log(arg);
                double sarg = Math.exp(-g * lnArg);
                double share = (1 - arg * sarg) / oneLess;
                out[0] = pb * share;
                out[1] = pb * (arg * sarg * lnArg + share) / oneLess;
                out[2] = share - v * sarg / pb;
                out[3] = 0;
            } else {
                double arg = 1 - fc;
                double lnArg = Math.log(arg);
                double cap = Math.exp(-g * lnArg);
                double slope = g * cap / (arg * pb);
                double y = v - fc * pb;
                double share = (1 - arg * cap) / oneLess;
                out[0] = pb * share + cap * y + slope * y * y / 2;
                out[1] = pb * (arg * cap * lnArg + share) / oneLess - lnArg * cap * y
                        + cap / (arg * pb) * (1 - g * lnArg) * y * y / 2;
                out[2] = share - cap * fc - slope / pb * y * y / 2 - slope * y * fc;
                out[3] = g * cap / arg * y + slope * (g + 1) / arg * y * y / 2 - slope * y * pb;
            }
        }

        /** Charge at junction voltage v into {@code out[0]}, capacitance into {@code out[1]}. */
        void charge(MosModel m, double v, double[] out) {
            if (v < m.tDepCap) {
                double arg = 1 - v / m.tBulkPot;
                double sarg = Math.exp(-m.mj * Math.log(arg));
                double sargsw = Math.exp(-m.mjsw * Math.log(arg));
                out[0] = m.tBulkPot * (bottom * (1 - arg * sarg) / (1 - m.mj) + side * (1 - arg * sargsw) / (1 - m.mjsw));
                out[1] = bottom * sarg + side * sargsw;
            } else {
                out[0] = f4 + v * (f2 + v * f3 / 2);
                out[1] = f2 + v * f3;
            }
        }
    }

    public Mosfet(String name, int d, int g, int s, int b, ModelCard card, Map<String, Double> instance) {
        this.name = name;
        this.d = d;
        this.g = g;
        this.s = s;
        this.b = b;
        this.card = card;
        this.modelValues = new HashMap<>(card.params());
        this.type = card.type().equals("pmos") ? -1 : 1;
        this.w = instance.getOrDefault("w", card.get("w", 100e-6));
        this.l = instance.getOrDefault("l", card.get("l", 100e-6));
        this.mult = instance.getOrDefault("m", 1.0);
        this.ad = instance.getOrDefault("ad", 0.0);
        this.as = instance.getOrDefault("as", 0.0);
        this.pd = instance.getOrDefault("pd", 0.0);
        this.ps = instance.getOrDefault("ps", 0.0);
        this.nrd = instance.getOrDefault("nrd", 1.0);
        this.nrs = instance.getOrDefault("nrs", 1.0);
        if (!(w > 0) || !(l > 0) || !(mult > 0) || !(ad >= 0) || !(as >= 0) || !(pd >= 0) || !(ps >= 0) || !(nrd >= 0)
                || !(nrs >= 0)) {
            throw new IllegalArgumentException("need W, L, M > 0 and AD, AS, PD, PS, NRD, NRS >= 0");
        }
        double length = l - 2 * card.get("ld", 0);
        if (!(length > 0)) {
            throw new IllegalArgumentException("effective channel length L - 2*LD must be positive, got " + length);
        }
    }

    /** The model and what follows from it and the geometry before temperature scaling. */
    private void derive() {
        model = new MosModel(new ModelCard(card.name(), card.type(), modelValues, card.line()), nominalCelsius);
        leff = l - 2 * model.ld;
        if (!(leff > 0)) {
            throw new IllegalArgumentException(name + ": effective channel length L - 2*LD must be positive, got " + leff);
        }
        drainConductance = seriesConductance(model.rdGiven, model.rd, model.rsh * nrd);
        sourceConductance = seriesConductance(model.rsGiven, model.rs, model.rsh * nrs);
        gateSourceOverlap = model.cgso * mult * w;
        gateDrainOverlap = model.cgdo * mult * w;
        gateBulkOverlap = model.cgbo * mult * leff;
    }

    /** RD (or RS) when given, else RSH times the squares; 0 when there is no resistance. */
    private double seriesConductance(boolean given, double r, double sheet) {
        if (given) {
            return r != 0 ? mult / r : 0;
        }
        return model.rshGiven && sheet != 0 ? mult / sheet : 0;
    }

    @Override
    public void temperature(double celsius) {
        this.celsius = celsius;
        try {
            model.temperature(celsius);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage());
        }
        vt = model.vt;
        double beta = model.tKp * mult * w / leff;
        oxideCap = model.coxFactor * leff * mult * w;
        level1 = model.level == 2 ? null : new Level1Channel(type * model.tVto, beta, model.gamma, model.tPhi, model.lambda);
        channelModel = model.level == 2 ? new Level2Channel(model, w, mult, leff) : level1;
        boolean areas = model.tSatCurDens != 0 && ad != 0 && as != 0;
        drainSat = areas ? model.tSatCurDens * mult * ad : mult * model.tSatCur;
        sourceSat = areas ? model.tSatCurDens * mult * as : mult * model.tSatCur;
        drainVcrit = vt * Math.log(vt / (SQRT2 * drainSat));
        sourceVcrit = vt * Math.log(vt / (SQRT2 * sourceSat));
        double czbd = model.cbdGiven ? model.tCbd * mult : model.cjGiven ? model.tCj * mult * ad : 0;
        double czbs = model.cbsGiven ? model.tCbs * mult : model.cjGiven ? model.tCj * mult * as : 0;
        double czbdsw = model.cjswGiven ? model.tCjsw * pd * mult : 0;
        double czbssw = model.cjswGiven ? model.tCjsw * ps * mult : 0;
        drainJunction.set(model, czbd, czbdsw);
        sourceJunction.set(model, czbs, czbssw);
        // what the parameter derivatives kept was for the device as it was
        java.util.Arrays.fill(tangentReady, false);
        pointReady = false;
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
        nominalCelsius = ctx.options().tnom;
        derive();
        dp = drainConductance > 0 ? ctx.addUnknown(name + "#drain", SetupContext.UnknownKind.VOLTAGE) : d;
        sp = sourceConductance > 0 ? ctx.addUnknown(name + "#source", SetupContext.UnknownKind.VOLTAGE) : s;
        // qbd, qbs: integrated, but as in ngspice their truncation error does not limit the step
        junctionStates = ctx.addStates(2, false);
        gateStates = ctx.addStates(3); // qgs, qgd, qgb
        voltageStates = ctx.addStates(3, false); // vgs, vds, vbs as evaluated, for the predictor
    }

    @Override
    public void setup(SetupContext ctx) {
        channel = new LinearizedCurrent(ctx, dp, sp, new int[] {g, dp, b}, new int[] {sp, sp, sp});
        bulkSource = new ConductanceStamp(ctx, b, sp);
        bulkDrain = new ConductanceStamp(ctx, b, dp);
        if (dp != d) {
            drainResistor = new ConductanceStamp(ctx, d, dp);
        }
        if (sp != s) {
            sourceResistor = new ConductanceStamp(ctx, s, sp);
        }
        gateSource = new ConductanceStamp(ctx, g, sp);
        gateDrain = new ConductanceStamp(ctx, g, dp);
        gateBulk = new ConductanceStamp(ctx, g, b);
        temperature(ctx.options().temp);
    }

    /** Drain, source and bulk join through the channel and the junctions (gmin); the gate only capacitively. */
    @Override
    public void connections(Sink sink) {
        sink.conductive(d, dp);
        sink.conductive(s, sp);
        sink.conductive(dp, sp);
        sink.conductive(b, dp);
        sink.conductive(b, sp);
        sink.capacitive(g, sp);
        sink.capacitive(g, dp);
        sink.capacitive(g, b);
    }

    @Override
    public void load(LoadContext ctx) {
        if (drainResistor != null) {
            drainResistor.conductance(ctx, drainConductance);
        }
        if (sourceResistor != null) {
            sourceResistor.conductance(ctx, sourceConductance);
        }
        double vbs;
        double vgs;
        double vds;
        if (ctx.predicting()) {
            // SPICE's predictor: extrapolate the junction voltages, limit against the accepted point
            vgs = ctx.predict(voltageStates);
            vds = ctx.predict(voltageStates + 1);
            vbs = ctx.predict(voltageStates + 2);
            vgsOld = ctx.previousState(voltageStates);
            vdsOld = ctx.previousState(voltageStates + 1);
            vbsOld = ctx.previousState(voltageStates + 2);
        } else {
            vbs = type * (ctx.v(b) - ctx.v(sp));
            vgs = type * (ctx.v(g) - ctx.v(sp));
            vds = type * (ctx.v(dp) - ctx.v(sp));
        }
        if (ctx.initJunctions()) {
            vbs = -1;
            vgs = type * model.tVto;
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
                double limited = Junctions.pnjlim(vbs, vbsOld, vt, sourceVcrit);
                if (limited != vbs) {
                    ctx.nonConvergence();
                }
                vbs = limited;
            } else {
                double vbdNew = vbs - vds;
                double vbd = Junctions.pnjlim(vbdNew, vbsOld - vdsOld, vt, drainVcrit);
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
        ctx.holdState(voltageStates, vgs);
        ctx.holdState(voltageStates + 1, vds);
        ctx.holdState(voltageStates + 2, vbs);
        double vbd = vbs - vds;
        double vgd = vgs - vds;
        double vgb = vgs - vbs;
        double gmin = ctx.gmin();

        // bulk junctions (type frame: positive = forward bias)
        junction(vbs, sourceSat, gmin);
        double cbs = junctionCurrent;
        double gbs = junctionConductance;
        junction(vbd, drainSat, gmin);
        double cbd = junctionCurrent;
        double gbd = junctionConductance;

        // channel: drain current (into d') as a function of vgs, vds, vbs in the type frame
        channelModel.evaluate(vgs, vds, vbs);
        von = channelModel.von;
        vdsat = channelModel.vdsat;
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
            if (sourceJunction.present()) {
                sourceJunction.charge(model, vbs, meyer);
                cbs += ctx.integrate(junctionStates + 1, meyer[0]);
                gbs += ctx.ag0() * meyer[1];
            }
            if (drainJunction.present()) {
                drainJunction.charge(model, vbd, meyer);
                cbd += ctx.integrate(junctionStates, meyer[0]);
                gbd += ctx.ag0() * meyer[1];
            }
        }
        // what the convergence test predicts from: the junction currents with their charge currents
        cbsOld = cbs;
        gbsOld = gbs;
        cbdOld = cbd;
        gbdOld = gbd;
        bulkSource.linearized(ctx, gbs, type * cbs, type * vbs);
        bulkDrain.linearized(ctx, gbd, type * cbd, type * vbd);

        if (ctx.isTransient()) {
            gateCharges(ctx, vgs, vgd, vgb, vds >= 0);
        }
    }

    /** Meyer's gate charges plus the overlaps, integrated as ngspice's MOS1 and MOS2 do. */
    private void gateCharges(LoadContext ctx, double vgs, double vgd, double vgb, boolean normal) {
        if (normal) {
            MeyerCapacitance.halves(vgs, vgd, von, vdsat, model.tPhi, oxideCap, meyer);
            halves[0] = meyer[0];
            halves[1] = meyer[1];
        } else {
            MeyerCapacitance.halves(vgd, vgs, von, vdsat, model.tPhi, oxideCap, meyer);
            halves[0] = meyer[1];
            halves[1] = meyer[0];
        }
        halves[2] = meyer[2];
        gateVoltages[0] = vgs;
        gateVoltages[1] = vgd;
        gateVoltages[2] = vgb;
        boolean start = ctx.initStates();
        if (start) {
            System.arraycopy(halves, 0, acceptedHalves, 0, 3);
            System.arraycopy(gateVoltages, 0, acceptedGateVoltages, 0, 3);
        }
        gateCharge(ctx, gateSource, 0, gateSourceOverlap, start);
        gateCharge(ctx, gateDrain, 1, gateDrainOverlap, start);
        gateCharge(ctx, gateBulk, 2, gateBulkOverlap, start);
    }

    private void gateCharge(LoadContext ctx, ConductanceStamp stamp, int k, double overlap, boolean start) {
        int state = gateStates + k;
        double v = gateVoltages[k];
        double cap;
        double q;
        if (start) {
            cap = 2 * halves[k] + overlap;
            q = v * cap;
        } else {
            cap = halves[k] + acceptedHalves[k] + overlap;
            // the predictor extrapolates the charge itself, as ngspice does
            q = ctx.predicting() ? ctx.predict(state) : (v - acceptedGateVoltages[k]) * cap + ctx.previousState(state);
        }
        double i = ctx.integrate(state, q);
        if (!start && cap != 0) {
            stamp.linearized(ctx, ctx.ag0() * cap, type * i, type * v);
        }
    }

    @Override
    public void accepted(LoadContext ctx, double[] x) {
        System.arraycopy(halves, 0, acceptedHalves, 0, 3);
        System.arraycopy(gateVoltages, 0, acceptedGateVoltages, 0, 3);
    }

    private double junctionCurrent;
    private double junctionConductance;

    /** Bulk diode current and conductance at v (type frame) into the two fields above. */
    private void junction(double v, double isat, double gmin) {
        if (v <= -3 * vt) {
            junctionConductance = gmin;
            junctionCurrent = gmin * v - isat;
        } else {
            double e = Junctions.safeExp(v / vt);
            junctionConductance = isat * e / vt + gmin;
            junctionCurrent = isat * (e - 1) + gmin * v;
        }
    }

    @Override
    public List<String> sensitivityParameters() {
        return SENSITIVITY;
    }

    @Override
    public String modelName() {
        return card.name();
    }

    @Override
    public String notDifferentiable(int k) {
        String p = SENSITIVITY.get(k);
        String upper = p.toUpperCase(java.util.Locale.ROOT);
        if (ONLY_WHEN_GIVEN.contains(p) && !modelValues.containsKey(p) && !(p.equals("u0") && modelValues.containsKey("uo"))) {
            return upper + " is not given on model " + card.name() + ": without it the device takes another form (a value"
                    + " derived from other parameters, or the feature off); give " + upper + " to differentiate it";
        }
        if ((p.equals("rd") && drainConductance == 0) || (p.equals("rs") && sourceConductance == 0)) {
            return upper + " = 0 (model " + card.name() + "): no series resistance and no internal node; give " + upper
                    + " > 0 to differentiate it";
        }
        if (model.level == 2) {
            return "model " + card.name() + " is level 2, whose channel derivatives are ngspice's MOS2 approximations (gm"
                    + " off by 0.7 % at MosfetSensitivityTest's operating point), so a sensitivity through them would be"
                    + " inexact; level-1 devices are differentiable";
        }
        if (MosModel.LEVEL2_PARAMETERS.contains(p)) {
            return upper + " is a level-2 parameter; model " + card.name() + " is level 1";
        }
        return null;
    }

    @Override
    public double parameterValue(int k) {
        String p = SENSITIVITY.get(k);
        return switch (p) {
            case "w" -> w;
            case "l" -> l;
            default -> modelValue(model, modelValues, p);
        };
    }

    /** Parameter {@code p} of a model as it was built (derived and default values included). */
    private static double modelValue(MosModel model, Map<String, Double> values, String p) {
        return switch (p) {
            case "vto" -> model.vt0;
            case "kp" -> model.kp;
            case "gamma" -> model.gamma;
            case "phi" -> model.phi;
            case "lambda" -> model.lambda;
            case "rd" -> model.rd;
            case "rs" -> model.rs;
            case "is" -> model.is;
            case "ld" -> model.ld;
            case "u0" -> model.u0;
            case "cgso" -> model.cgso;
            case "cgdo" -> model.cgdo;
            case "cgbo" -> model.cgbo;
            case "cbd" -> model.cbd;
            case "cbs" -> model.cbs;
            case "cj" -> model.cj;
            case "cjsw" -> model.cjsw;
            case "mj" -> model.mj;
            case "mjsw" -> model.mjsw;
            case "pb" -> model.pb;
            case "fc" -> model.fc;
            default -> values.getOrDefault(p, 0.0);
        };
    }

    /** The card's other spelling of {@code p} (VT0 for VTO, UO for U0), or null. */
    private static String alias(String p) {
        return p.equals("vto") ? "vt0" : p.equals("u0") ? "uo" : null;
    }

    @Override
    public void setParameterValue(int k, double value) {
        String p = SENSITIVITY.get(k);
        String why = notDifferentiable(k);
        if (why != null && value != parameterValue(k)) {
            throw new IllegalArgumentException(name + ": " + why);
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + ": " + p + " = " + value + " is unusable");
        }
        double oldW = w;
        double oldL = l;
        Map<String, Double> old = new HashMap<>(modelValues);
        if (p.equals("w")) {
            w = value;
        } else if (p.equals("l")) {
            l = value;
        } else {
            String alias = alias(p);
            if (alias != null) {
                modelValues.remove(alias);
            }
            modelValues.put(p, value);
            if (!card.has(p) && (alias == null || !card.has(alias))) {
                // not on the card: an override that only restates the derived or default value goes again, so that
                // the device keeps deriving it (VTO from NSUB, KP from U0 and TOX) for the other parameters' derivatives
                Map<String, Double> without = new HashMap<>(modelValues);
                without.remove(p);
                MosModel m = new MosModel(new ModelCard(card.name(), card.type(), without, card.line()), nominalCelsius);
                if (modelValue(m, without, p) == value) {
                    modelValues.remove(p);
                }
            }
        }
        try {
            if (!(w > 0) || !(l > 0)) {
                throw new IllegalArgumentException("W and L must be positive");
            }
            derive();
            temperature(celsius);
        } catch (IllegalArgumentException e) {
            w = oldW;
            l = oldL;
            modelValues.clear();
            modelValues.putAll(old);
            derive();
            temperature(celsius);
            throw new IllegalArgumentException(name + ": " + p + " = " + value + " is unusable: " + e.getMessage());
        }
    }

    /**
     * ∂F/∂p, analytic, at the terminal voltages of {@code ctx}: the channel current, the bulk
     * junctions' currents and the series resistors'; in transient also ∂q/∂p of the junction charges
     * and of the gate charges (at the start their values, at a step their increments from the
     * previous point, whose Meyer capacitances move with p too). The chain ∂u/∂p ({@link #tangent})
     * times the point's ∂F/∂u and ∂q/∂u, of the groups that p reaches, over the u that p moves.
     */
    @Override
    public void parameterDerivative(int k, LoadContext ctx, SensitivitySink sink) {
        double[] t = tangent(k);
        int[] nz = tangentNonzero[k];
        int count = tangentCount[k];
        int groups = tangentGroups[k];
        atPoint(ctx);
        if ((groups & RESIDUAL) != 0) {
            residualPartials(ctx);
            for (int i = 0; i < 5; i++) {
                sink.residual(rows[i], dot(point[i], t, nz, count));
            }
        }
        if (!ctx.isTransient()) {
            return;
        }
        if ((groups & JUNCTION_CHARGES) != 0) {
            junctionChargePartials();
            for (int i = 0; i < 2; i++) {
                sink.state(junctionStates + i, dot(point[5 + i], t, nz, count));
            }
        }
        if ((groups & GATE_CHARGES) != 0) {
            gateChargePartials(ctx);
            for (int i = 0; i < 3; i++) {
                sink.state(gateStates + i, dot(point[7 + i], t, nz, count));
            }
        }
    }

    /** Σ a[u]·t[u] over the {@code count} indices u in {@code nz} where t is not 0. */
    private static double dot(double[] a, double[] t, int[] nz, int count) {
        double sum = 0;
        for (int i = 0; i < count; i++) {
            sum += a[nz[i]] * t[nz[i]];
        }
        return sum;
    }

    /** Groups of the per-point partials, each worked out when a parameter first needs it at a point. */
    private static final int RESIDUAL = 1;
    private static final int JUNCTION_CHARGES = 2;
    private static final int GATE_CHARGES = 4;

    /** The groups that quantity u enters: the residual, the junction charges, the gate charges. */
    private static int groupsOf(int u) {
        int groups = 0;
        if (u <= U_SSAT) {
            groups |= RESIDUAL;
        }
        if (u == U_VTO || u == U_GAMMA || u == U_PHI || (u >= U_COX && u <= U_OVERLAP + 2)) {
            groups |= GATE_CHARGES;
        }
        if (u >= U_CZBD) {
            groups |= JUNCTION_CHARGES;
        }
        return groups;
    }

    private final double[][] tangents = new double[SENSITIVITY.size()][U_COUNT];
    /** The U_* where parameter k's tangent is not 0, their number, and the groups they enter. */
    private final int[][] tangentNonzero = new int[SENSITIVITY.size()][U_COUNT];
    private final int[] tangentCount = new int[SENSITIVITY.size()];
    private final int[] tangentGroups = new int[SENSITIVITY.size()];
    private final boolean[] tangentReady = new boolean[SENSITIVITY.size()];
    private final double[] modelTangent = new double[MosModel.TANGENT_SIZE];

    /**
     * ∂u/∂p<sub>k</sub> of the quantities the equations read (U_*): the model card's chain
     * ({@link MosModel#tangent}) through the geometry: β = tKp·M·W/Leff, Leff = L − 2·LD, the oxide
     * capacitance COX'·Leff·M·W, the overlaps CGSO·M·W, CGDO·M·W, CGBO·M·Leff, the series
     * conductances M/RD and M/RS, the saturation currents (IS·M, or JS·M·AD and JS·M·AS when JS is
     * not 0 and both areas are given) and the zero-bias capacitances (CBD·M, or CJ·M·AD; CJSW·M·PD).
     */
    private double[] tangent(int k) {
        double[] t = tangents[k];
        if (tangentReady[k]) {
            return t;
        }
        String p = SENSITIVITY.get(k);
        double[] mt = modelTangent;
        model.tangent(p, mt);
        double dw = p.equals("w") ? 1 : 0;
        double dl = p.equals("l") ? 1 : 0;
        double dLeff = dl - 2 * mt[MosModel.T_LD];
        t[U_VTO] = type * mt[MosModel.T_VTO];
        t[U_BETA] = mult * (mt[MosModel.T_KP] * w / leff + model.tKp * (dw / leff - w * dLeff / (leff * leff)));
        t[U_GAMMA] = mt[MosModel.T_GAMMA];
        t[U_PHI] = mt[MosModel.T_PHI];
        t[U_LAMBDA] = mt[MosModel.T_LAMBDA];
        t[U_GD] = model.rdGiven && model.rd != 0 ? -mult * mt[MosModel.T_RD] / (model.rd * model.rd) : 0;
        t[U_GS] = model.rsGiven && model.rs != 0 ? -mult * mt[MosModel.T_RS] / (model.rs * model.rs) : 0;
        // JS moved from 0 takes the areas' form as soon as it is not 0, either way
        boolean areas = (model.tSatCurDens != 0 || mt[MosModel.T_SATCURDENS] != 0) && ad != 0 && as != 0;
        t[U_DSAT] = areas ? mt[MosModel.T_SATCURDENS] * mult * ad : mult * mt[MosModel.T_SATCUR];
        t[U_SSAT] = areas ? mt[MosModel.T_SATCURDENS] * mult * as : mult * mt[MosModel.T_SATCUR];
        t[U_COX] = mult * (mt[MosModel.T_COX] * leff * w + model.coxFactor * (dLeff * w + leff * dw));
        t[U_OVERLAP] = mult * (mt[MosModel.T_CGSO] * w + model.cgso * dw);
        t[U_OVERLAP + 1] = mult * (mt[MosModel.T_CGDO] * w + model.cgdo * dw);
        t[U_OVERLAP + 2] = mult * (mt[MosModel.T_CGBO] * leff + model.cgbo * dLeff);
        t[U_CZBD] = model.cbdGiven ? mt[MosModel.T_CBD] * mult : model.cjGiven ? mt[MosModel.T_CJ] * mult * ad : 0;
        t[U_CZBS] = model.cbsGiven ? mt[MosModel.T_CBS] * mult : model.cjGiven ? mt[MosModel.T_CJ] * mult * as : 0;
        t[U_CZSWD] = model.cjswGiven ? mt[MosModel.T_CJSW] * pd * mult : 0;
        t[U_CZSWS] = model.cjswGiven ? mt[MosModel.T_CJSW] * ps * mult : 0;
        t[U_MJ] = mt[MosModel.T_MJ];
        t[U_MJSW] = mt[MosModel.T_MJSW];
        t[U_PB] = mt[MosModel.T_PB];
        t[U_FC] = mt[MosModel.T_FC];
        int count = 0;
        int groups = 0;
        for (int u = 0; u < U_COUNT; u++) {
            if (t[u] != 0) {
                tangentNonzero[k][count++] = u;
                groups |= groupsOf(u);
            }
        }
        tangentCount[k] = count;
        tangentGroups[k] = groups;
        tangentReady[k] = true;
        return t;
    }

    // ∂F/∂u and ∂q/∂u at the last point asked for (the groups worked out so far), and what identifies that point
    private final double[][] point = new double[ROWS][U_COUNT];
    private final double[] pointKey = new double[10];
    private final double[] scratchKey = new double[10];
    private boolean pointReady;
    private int pointGroups;
    private double pointVgs;
    private double pointVds;
    private double pointVbs;
    private final double[] unitCharge = new double[4];
    private final double[] meyerHalves = new double[3];
    private final double[] meyerPartials = new double[12];
    private final double[] gateScale = new double[3];
    private int[] rows;

    /**
     * Makes {@link #point} that of the solution of {@code ctx}: keeps what it holds if it is that point
     * already (the terminal and internal node voltages, the mode, the previous point's gate voltages),
     * else clears it.
     */
    private void atPoint(LoadContext ctx) {
        double[] key = scratchKey;
        key[0] = ctx.v(d);
        key[1] = ctx.v(dp);
        key[2] = ctx.v(s);
        key[3] = ctx.v(sp);
        key[4] = ctx.v(g);
        key[5] = ctx.v(b);
        key[6] = !ctx.isTransient() ? 0 : ctx.initStates() ? 1 : 2;
        System.arraycopy(acceptedGateVoltages, 0, key, 7, 3);
        if (pointReady && java.util.Arrays.equals(key, pointKey)) {
            return;
        }
        System.arraycopy(key, 0, pointKey, 0, key.length);
        pointReady = true;
        pointGroups = 0;
        if (rows == null) {
            rows = new int[] {d, dp, s, sp, b};
        }
        pointVgs = type * (key[4] - key[3]);
        pointVds = type * (key[1] - key[3]);
        pointVbs = type * (key[5] - key[3]);
    }

    /**
     * The residual's partials at the point: the channel current's (through {@link Level1Channel}), the
     * junction currents' in their saturation currents, the series currents' in their conductances.
     */
    private void residualPartials(LoadContext ctx) {
        if ((pointGroups & RESIDUAL) != 0) {
            return;
        }
        pointGroups |= RESIDUAL;
        // every entry these rows can hold is written below (the rest stay 0)
        level1.evaluate(pointVgs, pointVds, pointVbs);
        double[] drainRow = point[1];
        drainRow[U_VTO] = type * level1.dIdVto;
        drainRow[U_BETA] = type * level1.dIdBeta;
        drainRow[U_GAMMA] = type * level1.dIdGamma;
        drainRow[U_PHI] = type * level1.dIdPhi;
        drainRow[U_LAMBDA] = type * level1.dIdLambda;
        for (int u = U_VTO; u <= U_LAMBDA; u++) {
            point[3][u] = -drainRow[u];
        }
        double source = type * saturationSlope(pointVbs);
        point[3][U_SSAT] = -source;
        point[4][U_SSAT] = source;
        double drain = type * saturationSlope(pointVbs - pointVds);
        drainRow[U_DSAT] = -drain;
        point[4][U_DSAT] = drain;
        if (dp != d) {
            point[0][U_GD] = ctx.v(d) - ctx.v(dp);
            drainRow[U_GD] = -point[0][U_GD];
        }
        if (sp != s) {
            point[2][U_GS] = ctx.v(s) - ctx.v(sp);
            point[3][U_GS] = -point[2][U_GS];
        }
    }

    /** The junction charges' partials at the point ({@link JunctionCap#chargePartials}). */
    private void junctionChargePartials() {
        if ((pointGroups & JUNCTION_CHARGES) != 0) {
            return;
        }
        pointGroups |= JUNCTION_CHARGES;
        for (int i = 5; i < 7; i++) {
            for (int u = U_MJ; u <= U_FC; u++) {
                point[i][u] = 0;
            }
        }
        drainJunction.chargePartials(model, pointVbs - pointVds, unitCharge, point[5], U_CZBD, U_CZSWD);
        sourceJunction.chargePartials(model, pointVbs, unitCharge, point[6], U_CZBS, U_CZSWS);
    }

    /**
     * The gate charges' partials at the point as the state equations have them ({@link #gateCharge}):
     * V·(2H + overlap) at the start, (V − V<sub>prev</sub>)·(H + H<sub>prev</sub> + overlap) at a step, the
     * previous point's half-capacitances H<sub>prev</sub> moving with the parameters too.
     */
    private void gateChargePartials(LoadContext ctx) {
        if ((pointGroups & GATE_CHARGES) != 0) {
            return;
        }
        pointGroups |= GATE_CHARGES;
        for (int i = 7; i < ROWS; i++) {
            double[] row = point[i];
            row[U_VTO] = 0;
            row[U_GAMMA] = 0;
            row[U_PHI] = 0;
            row[U_COX] = 0;
        }
        double vgs = pointVgs;
        double vds = pointVds;
        double vbs = pointVbs;
        double vgd = vgs - vds;
        double vgb = vgs - vbs;
        if (ctx.initStates()) {
            gateScale[0] = 2 * vgs;
            gateScale[1] = 2 * vgd;
            gateScale[2] = 2 * vgb;
            addMeyerPartials(vgs, vds, vbs, gateScale);
            point[7][U_OVERLAP] = vgs;
            point[8][U_OVERLAP + 1] = vgd;
            point[9][U_OVERLAP + 2] = vgb;
            return;
        }
        gateScale[0] = vgs - acceptedGateVoltages[0];
        gateScale[1] = vgd - acceptedGateVoltages[1];
        gateScale[2] = vgb - acceptedGateVoltages[2];
        addMeyerPartials(vgs, vds, vbs, gateScale);
        double pvgs = acceptedGateVoltages[0];
        addMeyerPartials(pvgs, pvgs - acceptedGateVoltages[1], pvgs - acceptedGateVoltages[2], gateScale);
        for (int k = 0; k < 3; k++) {
            point[7 + k][U_OVERLAP + k] = gateScale[k];
        }
    }

    /** ∂(bulk junction current)/∂(saturation current) at v (type frame), as {@link #junction} has the current. */
    private double saturationSlope(double v) {
        return v <= -3 * vt ? -1 : Junctions.safeExp(v / vt) - 1;
    }

    /**
     * Adds scale[k]·∂H<sub>k</sub>/∂u of Meyer's halves at (vgs, vds, vbs) to the gate charges' rows: through the
     * threshold (von = vto + γ·(sarg − √φ), and vdsat = vgs − von where positive), φ itself and the oxide
     * capacitance (the halves are proportional to it).
     */
    private void addMeyerPartials(double vgs, double vds, double vbs, double[] scale) {
        level1.evaluate(vgs, vds, vbs);
        boolean normal = vds >= 0;
        double[] h = meyerHalves;
        double[] dh = meyerPartials;
        if (normal) {
            MeyerCapacitance.halves(vgs, vgs - vds, level1.von, level1.vdsat, model.tPhi, oxideCap, h, dh);
        } else {
            MeyerCapacitance.halves(vgs - vds, vgs, level1.von, level1.vdsat, model.tPhi, oxideCap, h, dh);
        }
        double dVdsatDVon = level1.vdsat > 0 ? -1 : 0;
        for (int k = 0; k < 3; k++) {
            int j = normal || k == 2 ? k : 1 - k;
            double byVon = dh[j] + dh[3 + j] * dVdsatDVon;
            double[] row = point[7 + k];
            row[U_VTO] += scale[k] * byVon;
            row[U_GAMMA] += scale[k] * byVon * level1.dVonDGamma;
            row[U_PHI] += scale[k] * (byVon * level1.dVonDPhi + dh[6 + j]);
            row[U_COX] += oxideCap != 0 ? scale[k] * h[j] / oxideCap : 0;
        }
    }

    /** Meyer's half-capacitances {gs, gd, gb} at vgs, vds, vbs (type frame) as {@link #load} finds them. */
    private void halvesAt(double vgs, double vds, double vbs, double[] out) {
        channelModel.evaluate(vgs, vds, vbs);
        double[] m = meyerHalves;
        if (vds >= 0) {
            MeyerCapacitance.halves(vgs, vgs - vds, channelModel.von, channelModel.vdsat, model.tPhi, oxideCap, m);
            out[0] = m[0];
            out[1] = m[1];
        } else {
            MeyerCapacitance.halves(vgs - vds, vgs, channelModel.von, channelModel.vdsat, model.tPhi, oxideCap, m);
            out[0] = m[1];
            out[1] = m[0];
        }
        out[2] = m[2];
    }

    /**
     * Meyer's halves at vgs, vds, vbs into {@code halves} (as {@link #halvesAt}; null: not wanted) and
     * ∂H<sub>k</sub>/∂(vgs, vds, vbs) into {@code out[k][j]}: Meyer's partials ({@link MeyerCapacitance#halves})
     * through the channel's threshold (its body effect, von(vbs)) and vdsat = vgs − von where positive, in the
     * present mode's frame (vgs − vds, −vds, vbs − vds in reverse mode) and back.
     */
    private void halvesDerivative(double vgs, double vds, double vbs, double[] halves, double[][] out) {
        level1.evaluate(vgs, vds, vbs);
        boolean normal = vds >= 0;
        double[] h = meyerHalves;
        double[] dm = meyerPartials;
        if (normal) {
            MeyerCapacitance.halves(vgs, vgs - vds, level1.von, level1.vdsat, model.tPhi, oxideCap, h, dm);
        } else {
            MeyerCapacitance.halves(vgs - vds, vgs, level1.von, level1.vdsat, model.tPhi, oxideCap, h, dm);
        }
        double saturating = level1.vdsat > 0 ? 1 : 0;
        for (int k = 0; k < 3; k++) {
            int j = normal || k == 2 ? k : 1 - k;
            if (halves != null) {
                halves[k] = h[j];
            }
            // in the mode's frame: vgs moves vgs − von and vdsat, vds the split, vbs von
            double byVgs = -dm[j] + dm[3 + j] * saturating;
            double byVds = dm[9 + j];
            double byVbs = -byVgs * level1.dVonDVbs;
            out[k][0] = byVgs;
            out[k][1] = normal ? byVds : -byVgs - byVds - byVbs;
            out[k][2] = byVbs;
        }
    }

    /** Gate voltage k (vgs, vgd, vgb) in terms of (vgs, vds, vbs). */
    private static final double[][] GATE_VOLTAGE = {{1, 0, 0}, {1, -1, 0}, {1, 0, -1}};

    /** What {@link #onUnknowns} reports: ∂q/∂x, its part the stamp leaves out, ∂q/∂x<sub>prev</sub>. */
    private static final int GRADIENT = 0;
    private static final int UNSTAMPED = 1;
    private static final int PREVIOUS_GRADIENT = 2;

    /** Reports a derivative of {@code state} given in (vgs, vds, vbs) of the type frame on the unknowns g, d', b and s'. */
    private void onUnknowns(double[] a, StateSink sink, int state, int kind) {
        report(sink, kind, state, g, type * a[0]);
        report(sink, kind, state, dp, type * a[1]);
        report(sink, kind, state, b, type * a[2]);
        report(sink, kind, state, sp, -type * (a[0] + a[1] + a[2]));
    }

    private static void report(StateSink sink, int kind, int state, int unknown, double value) {
        switch (kind) {
            case GRADIENT -> sink.gradient(state, unknown, value);
            case UNSTAMPED -> sink.unstamped(state, unknown, value);
            default -> sink.previousGradient(state, unknown, value);
        }
    }

    // stateJacobian's work space
    private final double[] jacobianCharge = new double[2];
    private final double[] jacobianHalves = new double[3];
    private final double[][] jacobianSlopes = new double[3][3];
    private final double[][] jacobianPreviousSlopes = new double[3][3];
    private final double[] jacobianVoltages = new double[3];
    private final double[] jacobianRow = new double[3];

    /** The overlap capacitance of gate charge k (gate-source, gate-drain, gate-bulk). */
    private double overlap(int k) {
        return k == 0 ? gateSourceOverlap : k == 1 ? gateDrainOverlap : gateBulkOverlap;
    }

    /**
     * Junction charges: Q(x) states, incidence from b to s' (qbs) and to d' (qbd), present or not
     * (without capacitance the charge is 0 and so is its gradient). Gate charges: at t = 0 the charge
     * V·(2H + overlap); at a step an increment, incidence from g to s', d' and b while its averaged
     * capacitance is not 0 (the element stamps nothing when it is). The voltage states only feed the
     * predictor: held.
     */
    @Override
    public void stateJacobian(LoadContext ctx, StateSink sink) {
        for (int k = 0; k < 3; k++) {
            sink.held(voltageStates + k);
        }
        double vgs = type * (ctx.v(g) - ctx.v(sp));
        double vds = type * (ctx.v(dp) - ctx.v(sp));
        double vbs = type * (ctx.v(b) - ctx.v(sp));
        double[] work = jacobianCharge;
        sink.incidence(junctionStates, b, type);
        sink.incidence(junctionStates, dp, -type);
        if (drainJunction.present()) {
            drainJunction.charge(model, vbs - vds, work);
            sink.gradient(junctionStates, b, type * work[1]);
            sink.gradient(junctionStates, dp, -type * work[1]);
        }
        sink.incidence(junctionStates + 1, b, type);
        sink.incidence(junctionStates + 1, sp, -type);
        if (sourceJunction.present()) {
            sourceJunction.charge(model, vbs, work);
            sink.gradient(junctionStates + 1, b, type * work[1]);
            sink.gradient(junctionStates + 1, sp, -type * work[1]);
        }
        double[] h = jacobianHalves;
        double[][] dh = jacobianSlopes;
        halvesDerivative(vgs, vds, vbs, h, dh);
        double[] voltage = jacobianVoltages;
        voltage[0] = vgs;
        voltage[1] = vgs - vds;
        voltage[2] = vgs - vbs;
        double[] a = jacobianRow;
        if (ctx.initStates()) {
            for (int k = 0; k < 3; k++) {
                int state = gateStates + k;
                sink.incidence(state, g, type);
                sink.incidence(state, k == 0 ? sp : k == 1 ? dp : b, -type);
                double cap = 2 * h[k] + overlap(k);
                for (int j = 0; j < 3; j++) {
                    a[j] = cap * GATE_VOLTAGE[k][j] + voltage[k] * 2 * dh[k][j];
                }
                onUnknowns(a, sink, state, GRADIENT);
            }
            return;
        }
        double pvgs = acceptedGateVoltages[0];
        double[][] dhp = jacobianPreviousSlopes;
        halvesDerivative(pvgs, pvgs - acceptedGateVoltages[1], pvgs - acceptedGateVoltages[2], null, dhp);
        for (int k = 0; k < 3; k++) {
            int state = gateStates + k;
            double cap = h[k] + acceptedHalves[k] + overlap(k);
            double dv = voltage[k] - acceptedGateVoltages[k];
            if (cap != 0) {
                sink.incidence(state, g, type);
                sink.incidence(state, k == 0 ? sp : k == 1 ? dp : b, -type);
            }
            sink.increment(state);
            for (int j = 0; j < 3; j++) {
                a[j] = cap * GATE_VOLTAGE[k][j] + dv * dh[k][j];
            }
            onUnknowns(a, sink, state, GRADIENT);
            for (int j = 0; j < 3; j++) {
                a[j] = dv * dh[k][j];
            }
            onUnknowns(a, sink, state, UNSTAMPED);
            for (int j = 0; j < 3; j++) {
                a[j] = -cap * GATE_VOLTAGE[k][j] + dv * dhp[k][j];
            }
            onUnknowns(a, sink, state, PREVIOUS_GRADIENT);
        }
    }

    /** The next step starts from x: its gate voltages and Meyer halves become the accepted ones. */
    @Override
    public void stepFrom(double[] x) {
        double vgs = type * (x[g] - x[sp]);
        double vds = type * (x[dp] - x[sp]);
        double vbs = type * (x[b] - x[sp]);
        halvesAt(vgs, vds, vbs, acceptedHalves);
        acceptedGateVoltages[0] = vgs;
        acceptedGateVoltages[1] = vgs - vds;
        acceptedGateVoltages[2] = vgs - vbs;
    }

    @Override
    public String statesNotDifferentiable() {
        return model.level == 2 ? "MOSFET " + name + " (model " + card.name() + ") is level 2, whose channel derivatives are"
                + " ngspice's MOS2 approximations: transient sensitivities need level 1" : null;
    }

    @Override
    public boolean converged(LoadContext ctx) {
        double dvgs = (ctx.v(g) - ctx.v(sp)) - vBuf[0];
        double dvds = (ctx.v(dp) - ctx.v(sp)) - vBuf[1];
        double dvbs = (ctx.v(b) - ctx.v(sp)) - vBuf[2];
        double dvbd = dvbs - dvds;
        // as ngspice's MOS convergence test: the drain terminal's current (channel less bulk-drain
        // junction, charge currents included) and the bulk's, each predicted from its linearization
        double drain = idOld - type * cbdOld;
        double drainPredicted = drain + gOld[0] * dvgs + gOld[1] * dvds + gOld[2] * dvbs - gbdOld * dvbd;
        if (!Junctions.currentConverged(drainPredicted, drain, ctx.options())) {
            return false;
        }
        double bulk = type * (cbsOld + cbdOld);
        double bulkPredicted = bulk + gbsOld * dvbs + gbdOld * dvbd;
        return Junctions.currentConverged(bulkPredicted, bulk, ctx.options());
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
            double level = model.get("level", 1);
            if (level != 1 && level != 2) {
                throw card.error("MOSFET LEVEL=" + (level == Math.rint(level) ? String.valueOf((long) level)
                        : String.valueOf(level)) + " (model " + model.name() + ") is not supported; memspice has"
                        + " levels 1 (Shichman-Hodges) and 2 (Grove-Frohman)");
            }
            if (level == 1) {
                for (String p : new java.util.TreeSet<>(MosModel.LEVEL2_PARAMETERS)) {
                    if (model.has(p)) {
                        throw card.error("model " + model.name() + ": " + p.toUpperCase(java.util.Locale.ROOT)
                                + " is a level-2 parameter; the model is level 1 (add LEVEL=2 to use it)");
                    }
                }
                model.checkKnown(MosModel.PARAMETERS);
            } else {
                Set<String> known = new java.util.HashSet<>(MosModel.PARAMETERS);
                known.addAll(MosModel.LEVEL2_PARAMETERS);
                model.checkKnown(known);
            }
            Map<String, Double> kv = card.namedValues();
            for (String k : kv.keySet()) {
                if (!INSTANCE.contains(k)) {
                    throw card.error("unknown MOSFET instance parameter '" + k + "' (known: w l m ad as pd ps nrd nrs)");
                }
            }
            try {
                return new Mosfet(card.name(), d, g, s, b, model, kv);
            } catch (IllegalArgumentException e) {
                throw card.error(e.getMessage());
            }
        }
    }
}
