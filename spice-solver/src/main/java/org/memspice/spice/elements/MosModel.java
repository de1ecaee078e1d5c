package org.memspice.spice.elements;

import java.util.Set;
import org.memspice.spice.circuit.ModelCard;

/**
 * A level-1 or level-2 MOSFET model card after ngspice's preprocessing (MOS1temp, MOS2temp): KP
 * from U0 and TOX when not given; PHI, GAMMA and VTO from NSUB, NSS and TPG when they are not (at
 * level 1 only when TOX is given; level 2 defaults TOX to 0.1 µm and also derives the depletion
 * width factor from NSUB); and every temperature-dependent quantity (KP, PHI, the built-in and
 * threshold voltages, the junction saturation currents, bulk potential and zero-bias
 * capacitances) at the circuit temperature, from TNOM. Voltages are signed as ngspice keeps them
 * (VTO negative for a usual PMOS).
 */
final class MosModel {
    /** The level-1 parameters memspice reads (KF and AF only shape noise, which no memspice analysis computes). */
    static final Set<String> PARAMETERS = Set.of("level", "vto", "vt0", "kp", "gamma", "phi", "lambda", "rd", "rs",
            "cbd", "cbs", "is", "pb", "cgso", "cgdo", "cgbo", "rsh", "cj", "mj", "cjsw", "mjsw", "js", "tox", "ld", "u0",
            "uo", "fc", "nsub", "tpg", "nss", "tnom", "kf", "af", "l", "w");
    /** Level 2 adds narrow-width, mobility degradation, velocity saturation, junction depth and subthreshold. */
    static final Set<String> LEVEL2_PARAMETERS = Set.of("delta", "uexp", "ucrit", "vmax", "xj", "neff", "nfs");
    private static final double EPS_OX = 3.9 * 8.854214871e-12;
    private static final double EPS_SI = 11.70 * 8.854214871e-12;
    private static final double BOLTZMANN = Junctions.BOLTZMANN;
    private static final double CHARGE = Junctions.CHARGE;
    private static final double K_OVER_Q = BOLTZMANN / CHARGE;
    private static final double REFTEMP = 300.15;
    private static final double KELVIN = 273.15;

    final String name;
    final int type;
    /** 1 (Shichman-Hodges) or 2 (Grove-Frohman). */
    final int level;
    final double vt0;
    final double kp;
    final double gamma;
    final double phi;
    final double lambda;
    final double rd;
    final double rs;
    final double rsh;
    final boolean rdGiven;
    final boolean rsGiven;
    final boolean rshGiven;
    final double cbd;
    final double cbs;
    final boolean cbdGiven;
    final boolean cbsGiven;
    final double cj;
    final boolean cjGiven;
    final double cjsw;
    final boolean cjswGiven;
    final double pb;
    final double mj;
    final double mjsw;
    final double fc;
    final double is;
    final double js;
    final double cgso;
    final double cgdo;
    final double cgbo;
    final double ld;
    final double coxFactor;
    final double tnom;
    // level 2 (defaults as ngspice's MOS2; unused at level 1)
    /** Substrate doping NSUB in 1/cm³, 0 when not given. */
    final double nsub;
    /** Depletion width factor sqrt(2·εSi / (q·NSUB)) in m/sqrt(V), 0 without NSUB. */
    final double xd;
    final double delta;
    final double uexp;
    final double ucrit;
    final double vmax;
    final double xj;
    final double neff;
    final double nfs;
    /** Surface mobility U0 in cm²/Vs (level 2 uses it unscaled by temperature, as ngspice does). */
    final double u0;
    /** Instance defaults given on the model card (L=, W=), NaN when absent. */
    final double defaultL;
    final double defaultW;

    /**
     * The preprocessing's derivatives (0 where a value is given rather than derived): KP from U0 and
     * TOX; PHI and GAMMA from NSUB (and TOX); VTO from TOX, NSUB, NSS, and from PHI and GAMMA when it
     * is derived from them (a PHI or GAMMA moved is given, and the derived VTO follows it).
     */
    private double dCoxDTox;
    private double dKpDU0;
    private double dKpDTox;
    private double dPhiDNsub;
    private double dGammaDNsub;
    private double dGammaDTox;
    private double dVt0DTox;
    private double dVt0DNsub;
    private double dVt0DNss;
    private double dVt0DPhi;
    private double dVt0DGamma;

    /** Indices of {@link #tangent}'s output: the quantities the device reads, at the present temperature. */
    static final int T_KP = 0;
    static final int T_VTO = 1;
    static final int T_GAMMA = 2;
    static final int T_PHI = 3;
    static final int T_LAMBDA = 4;
    static final int T_SATCUR = 5;
    static final int T_SATCURDENS = 6;
    static final int T_COX = 7;
    static final int T_CBD = 8;
    static final int T_CBS = 9;
    static final int T_CJ = 10;
    static final int T_CJSW = 11;
    static final int T_MJ = 12;
    static final int T_MJSW = 13;
    static final int T_PB = 14;
    static final int T_FC = 15;
    static final int T_LD = 16;
    static final int T_CGSO = 17;
    static final int T_CGDO = 18;
    static final int T_CGBO = 19;
    static final int T_RD = 20;
    static final int T_RS = 21;
    static final int TANGENT_SIZE = 22;

    // at the present temperature
    double temp;
    double vt;
    double tKp;
    double tPhi;
    double tVbi;
    double tVto;
    double tSatCur;
    double tSatCurDens;
    double tBulkPot;
    double tDepCap;
    double tCbd;
    double tCbs;
    double tCj;
    double tCjsw;
    // temperature scaling's derivatives: of tKp, tPhi, the saturation currents and tBulkPot on their
    // nominal values (temp/tnom and exponents), of the capacitance factors on PB, MJ and MJSW
    private double ratio;
    private double satScale;
    private double bot;
    private double side;
    private double dBotDPb;
    private double dBotDMj;
    private double dSideDPb;
    private double dSideDMjsw;

    MosModel(ModelCard m, double nominalCelsius) {
        name = m.name();
        type = m.type().equals("pmos") ? -1 : 1;
        level = (int) m.get("level", 1);
        tnom = m.get("tnom", nominalCelsius) + KELVIN;
        double vtnom = tnom * K_OVER_Q;
        double egfet1 = 1.16 - (7.02e-4 * tnom * tnom) / (tnom + 1108);
        double tox = m.get("tox", level == 2 ? 1e-7 : 0);
        if (level == 2 && !(tox > 0)) {
            throw new IllegalArgumentException("model " + name + ": TOX must be positive at level 2, got " + tox);
        }
        coxFactor = tox > 0 ? EPS_OX / tox : 0;
        dCoxDTox = tox > 0 ? -coxFactor / tox : 0;
        u0 = m.get("u0", m.get("uo", 600));
        double kpValue = m.get("kp", 2e-5);
        double phiValue = m.get("phi", 0.6);
        double gammaValue = m.get("gamma", 0);
        double vt0Value = m.has("vto") ? m.get("vto", 0) : m.get("vt0", 0);
        if (coxFactor > 0) {
            if (!m.has("kp")) {
                kpValue = u0 * coxFactor * 1e-4;
                dKpDU0 = coxFactor * 1e-4;
                dKpDTox = u0 * dCoxDTox * 1e-4;
            }
            if (m.has("nsub")) {
                double doping = m.get("nsub", 0) * 1e6; // per m³
                if (!(doping > 1.45e16)) {
                    throw new IllegalArgumentException("model " + name + ": NSUB " + m.get("nsub", 0)
                            + " /cm3 is below the intrinsic carrier density 1.45e10 /cm3");
                }
                if (!m.has("phi")) {
                    phiValue = Math.max(0.1, 2 * vtnom * Math.log(doping / 1.45e16));
                    dPhiDNsub = phiValue > 0.1 ? 2 * vtnom / m.get("nsub", 0) : 0;
                }
                double fermis = type * 0.5 * phiValue;
                double wkfng = 3.2;
                double gateType = m.get("tpg", 1);
                if (gateType != 0) {
                    double fermig = type * gateType * 0.5 * egfet1;
                    wkfng = 3.25 + 0.5 * egfet1 - fermig;
                }
                double wkfngs = wkfng - (3.25 + 0.5 * egfet1 + fermis);
                if (!m.has("gamma")) {
                    gammaValue = Math.sqrt(2 * EPS_SI * CHARGE * doping) / coxFactor;
                    dGammaDNsub = gammaValue / (2 * m.get("nsub", 0));
                    dGammaDTox = gammaValue / tox;
                }
                if (!m.has("vto") && !m.has("vt0")) {
                    double vfb = wkfngs - m.get("nss", 0) * 1e4 * CHARGE / coxFactor;
                    vt0Value = vfb + type * (gammaValue * Math.sqrt(phiValue) + phiValue);
                    // fermis = type·phi/2 enters the work function difference
                    dVt0DPhi = type * (0.5 + gammaValue / (2 * Math.sqrt(phiValue)));
                    dVt0DGamma = type * Math.sqrt(phiValue);
                    dVt0DNss = -1e4 * CHARGE / coxFactor;
                    dVt0DTox = -m.get("nss", 0) * 1e4 * CHARGE / EPS_OX + dVt0DGamma * dGammaDTox;
                    dVt0DNsub = dVt0DPhi * dPhiDNsub + dVt0DGamma * dGammaDNsub;
                }
            }
        }
        nsub = coxFactor > 0 ? m.get("nsub", 0) : 0;
        xd = nsub > 0 ? Math.sqrt(2 * EPS_SI / (CHARGE * nsub * 1e6)) : 0;
        delta = m.get("delta", 0);
        uexp = m.get("uexp", 0);
        ucrit = m.get("ucrit", 1e4);
        vmax = m.get("vmax", 0);
        xj = m.get("xj", 0);
        neff = m.get("neff", 1);
        nfs = m.get("nfs", 0);
        if (level == 2 && (!(ucrit > 0) || !(uexp >= 0) || !(vmax >= 0) || !(xj >= 0) || !(neff > 0) || !(nfs >= 0)
                || !(delta >= 0) || !(u0 > 0))) {
            throw new IllegalArgumentException("model " + name + ": level 2 needs UCRIT, NEFF and U0 > 0 and UEXP,"
                    + " VMAX, XJ, NFS and DELTA >= 0");
        }
        if (!(phiValue > 0)) {
            throw new IllegalArgumentException("model " + name + ": PHI must be positive, got " + phiValue);
        }
        kp = kpValue;
        phi = phiValue;
        gamma = gammaValue;
        vt0 = vt0Value;
        lambda = m.get("lambda", 0);
        rdGiven = m.has("rd");
        rsGiven = m.has("rs");
        rshGiven = m.has("rsh");
        rd = m.get("rd", 0);
        rs = m.get("rs", 0);
        rsh = m.get("rsh", 0);
        cbdGiven = m.has("cbd");
        cbsGiven = m.has("cbs");
        cbd = m.get("cbd", 0);
        cbs = m.get("cbs", 0);
        cjGiven = m.has("cj");
        cjswGiven = m.has("cjsw");
        cj = m.get("cj", 0);
        cjsw = m.get("cjsw", 0);
        pb = m.get("pb", 0.8);
        mj = m.get("mj", 0.5);
        mjsw = m.get("mjsw", level == 2 ? 0.33 : 0.5);
        fc = m.get("fc", 0.5);
        is = m.get("is", 1e-14);
        js = m.get("js", 0);
        cgso = m.get("cgso", 0);
        cgdo = m.get("cgdo", 0);
        cgbo = m.get("cgbo", 0);
        ld = m.get("ld", 0);
        defaultL = m.get("l", Double.NaN);
        defaultW = m.get("w", Double.NaN);
        // the depletion charge divides by 1 - MJ (and 1 - MJSW): only exactly 1 is singular, and
        // published models do use grading coefficients above 1 (ngspice takes them)
        if (!(fc < 1) || mj == 1 || mjsw == 1 || !(pb > 0)) {
            throw new IllegalArgumentException("model " + name + ": need FC < 1, MJ and MJSW other than 1 (the"
                    + " junction charge divides by 1 - MJ) and PB > 0");
        }
    }

    /** Recomputes the temperature-dependent quantities at {@code celsius} (ngspice's MOS1temp). */
    void temperature(double celsius) {
        temp = celsius + KELVIN;
        double vtnom = tnom * K_OVER_Q;
        double fact1 = tnom / REFTEMP;
        double kt1 = BOLTZMANN * tnom;
        double egfet1 = 1.16 - (7.02e-4 * tnom * tnom) / (tnom + 1108);
        double arg1 = -egfet1 / (kt1 + kt1) + 1.1150877 / (BOLTZMANN * (REFTEMP + REFTEMP));
        double pbfact1 = -2 * vtnom * (1.5 * Math.log(fact1) + CHARGE * arg1);

        vt = temp * K_OVER_Q;
        double ratio = temp / tnom;
        double fact2 = temp / REFTEMP;
        double kt = temp * BOLTZMANN;
        double egfet = 1.16 - (7.02e-4 * temp * temp) / (temp + 1108);
        double arg = -egfet / (kt + kt) + 1.1150877 / (BOLTZMANN * (REFTEMP + REFTEMP));
        double pbfact = -2 * vt * (1.5 * Math.log(fact2) + CHARGE * arg);

        tKp = kp / (ratio * Math.sqrt(ratio));
        double phio = (phi - pbfact1) / fact1;
        tPhi = fact2 * phio + pbfact;
        tVbi = vt0 - type * (gamma * Math.sqrt(phi)) + 0.5 * (egfet1 - egfet) + type * 0.5 * (tPhi - phi);
        tVto = tVbi + type * gamma * Math.sqrt(tPhi);
        satScale = Math.exp(-egfet / vt + egfet1 / vtnom);
        tSatCur = is * satScale;
        tSatCurDens = js * satScale;
        double pbo = (pb - pbfact1) / fact1;
        double gmaold = (pb - pbo) / pbo;
        double before = 4e-4 * (tnom - REFTEMP) - gmaold;
        bot = 1 / (1 + mj * before);
        side = 1 / (1 + mjsw * before);
        tBulkPot = fact2 * pbo + pbfact;
        double gmanew = (tBulkPot - pbo) / pbo;
        double after = 4e-4 * (temp - REFTEMP) - gmanew;
        // the factors' derivatives: gmaold and gmanew move with PB through pbo
        double dBeforeDPb = pbfact1 / (fact1 * pbo * pbo);
        double dAfterDPb = pbfact / (fact1 * pbo * pbo);
        dBotDPb = bot * mj * dAfterDPb - bot * bot * (1 + mj * after) * mj * dBeforeDPb;
        dBotDMj = bot * after - bot * bot * (1 + mj * after) * before;
        dSideDPb = side * mjsw * dAfterDPb - side * side * (1 + mjsw * after) * mjsw * dBeforeDPb;
        dSideDMjsw = side * after - side * side * (1 + mjsw * after) * before;
        bot *= 1 + mj * after;
        side *= 1 + mjsw * after;
        this.ratio = ratio;
        tCbd = cbd * bot;
        tCbs = cbs * bot;
        tCj = cj * bot;
        tCjsw = cjsw * side;
        tDepCap = fc * tBulkPot;
        if (!(tPhi > 0) || !(tBulkPot > 0)) {
            throw new IllegalArgumentException("model " + name + ": at " + celsius + " C its surface potential ("
                    + tPhi + " V) or bulk junction potential (" + tBulkPot + " V) is not positive");
        }
    }

    /**
     * The derivatives of the quantities the device reads (indices T_*, at the present temperature)
     * with respect to model parameter {@code p} (lower case, as {@code Mosfet} names them), into
     * {@code out}, through the preprocessing and the temperature scaling: the chain rule of
     * {@link #MosModel} and {@link #temperature} at their present values. 0 for a name that is not
     * a level-1 model parameter (W, L).
     */
    void tangent(String p, double[] out) {
        java.util.Arrays.fill(out, 0, TANGENT_SIZE, 0);
        // nominal values first: kp, vt0, gamma, phi, cox, pb, mj, mjsw moved by p
        double dKp = 0;
        double dVt0 = 0;
        double dGamma = 0;
        double dPhi = 0;
        double dPb = 0;
        double dMj = 0;
        double dMjsw = 0;
        switch (p) {
            case "kp" -> dKp = 1;
            case "vto" -> dVt0 = 1;
            case "gamma" -> {
                dGamma = 1;
                dVt0 = dVt0DGamma;
            }
            case "phi" -> {
                dPhi = 1;
                dVt0 = dVt0DPhi;
            }
            case "tox" -> {
                out[T_COX] = dCoxDTox;
                dKp = dKpDTox;
                dGamma = dGammaDTox;
                dVt0 = dVt0DTox;
            }
            case "u0" -> dKp = dKpDU0;
            case "nsub" -> {
                dPhi = dPhiDNsub;
                dGamma = dGammaDNsub;
                dVt0 = dVt0DNsub;
            }
            case "nss" -> dVt0 = dVt0DNss;
            case "pb" -> dPb = 1;
            case "mj" -> dMj = 1;
            case "mjsw" -> dMjsw = 1;
            case "lambda" -> out[T_LAMBDA] = 1;
            case "is" -> out[T_SATCUR] = satScale;
            case "js" -> out[T_SATCURDENS] = satScale;
            case "cbd" -> out[T_CBD] = bot;
            case "cbs" -> out[T_CBS] = bot;
            case "cj" -> out[T_CJ] = bot;
            case "cjsw" -> out[T_CJSW] = side;
            case "fc" -> out[T_FC] = 1;
            case "ld" -> out[T_LD] = 1;
            case "cgso" -> out[T_CGSO] = 1;
            case "cgdo" -> out[T_CGDO] = 1;
            case "cgbo" -> out[T_CGBO] = 1;
            case "rd" -> out[T_RD] = 1;
            case "rs" -> out[T_RS] = 1;
            default -> {
            }
        }
        // temperature(): tKp = kp/ratio^1.5, tPhi = ratio·phi + const, tVto through phi, tPhi and gamma
        out[T_KP] = dKp / (ratio * Math.sqrt(ratio));
        out[T_PHI] = ratio * dPhi;
        out[T_GAMMA] = dGamma;
        double sqrtPhi = Math.sqrt(phi);
        double sqrtTPhi = Math.sqrt(tPhi);
        out[T_VTO] = dVt0 + type * dGamma * (sqrtTPhi - sqrtPhi)
                + type * dPhi * (-gamma / (2 * sqrtPhi) + 0.5 * (ratio - 1) + gamma * ratio / (2 * sqrtTPhi));
        out[T_PB] = ratio * dPb;
        out[T_MJ] = dMj;
        out[T_MJSW] = dMjsw;
        double dBot = dBotDPb * dPb + dBotDMj * dMj;
        out[T_CBD] += cbd * dBot;
        out[T_CBS] += cbs * dBot;
        out[T_CJ] += cj * dBot;
        out[T_CJSW] += cjsw * (dSideDPb * dPb + dSideDMjsw * dMjsw);
    }
}
