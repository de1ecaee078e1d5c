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
        u0 = m.get("u0", m.get("uo", 600));
        double kpValue = m.get("kp", 2e-5);
        double phiValue = m.get("phi", 0.6);
        double gammaValue = m.get("gamma", 0);
        double vt0Value = m.has("vto") ? m.get("vto", 0) : m.get("vt0", 0);
        if (coxFactor > 0) {
            if (!m.has("kp")) {
                kpValue = u0 * coxFactor * 1e-4;
            }
            if (m.has("nsub")) {
                double doping = m.get("nsub", 0) * 1e6; // per m³
                if (!(doping > 1.45e16)) {
                    throw new IllegalArgumentException("model " + name + ": NSUB " + m.get("nsub", 0)
                            + " /cm3 is below the intrinsic carrier density 1.45e10 /cm3");
                }
                if (!m.has("phi")) {
                    phiValue = Math.max(0.1, 2 * vtnom * Math.log(doping / 1.45e16));
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
                }
                if (!m.has("vto") && !m.has("vt0")) {
                    double vfb = wkfngs - m.get("nss", 0) * 1e4 * CHARGE / coxFactor;
                    vt0Value = vfb + type * (gammaValue * Math.sqrt(phiValue) + phiValue);
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
        double satScale = Math.exp(-egfet / vt + egfet1 / vtnom);
        tSatCur = is * satScale;
        tSatCurDens = js * satScale;
        double pbo = (pb - pbfact1) / fact1;
        double gmaold = (pb - pbo) / pbo;
        double bot = 1 / (1 + mj * (4e-4 * (tnom - REFTEMP) - gmaold));
        double side = 1 / (1 + mjsw * (4e-4 * (tnom - REFTEMP) - gmaold));
        tBulkPot = fact2 * pbo + pbfact;
        double gmanew = (tBulkPot - pbo) / pbo;
        bot *= 1 + mj * (4e-4 * (temp - REFTEMP) - gmanew);
        side *= 1 + mjsw * (4e-4 * (temp - REFTEMP) - gmanew);
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
}
