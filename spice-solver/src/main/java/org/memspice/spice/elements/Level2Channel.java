package org.memspice.spice.elements;

/**
 * The level-2 (Grove-Frohman) channel current as ngspice's MOS2 computes it, in the type frame:
 * threshold with the short-channel (XJ) and narrow-width (DELTA) corrections and the body effect
 * integrated over the channel (the 2/3·γ·((φ−vbs+vds)^1.5 − (φ−vbs)^1.5) term); mobility
 * degradation above the critical field (UCRIT, UEXP); the saturation voltage from the
 * Grove-Frohman equation or, with VMAX, from Baum's velocity-saturation quartic; channel-length
 * modulation from LAMBDA or, without it, from the depletion width (NSUB, NEFF), limited at
 * punch-through; and the weak-inversion exponential below von = vth + n·kT/q when NFS is given.
 * The partial derivatives are ngspice's, so Newton takes the same steps.
 */
final class Level2Channel extends MosChannel {
    private static final double EPS_SI = 11.7 * 8.854214871e-12;
    private static final double[] SIGN_A = {1, -1, 1, -1};
    private static final double[] SIGN_B = {1, 1, -1, -1};

    private final double vbi;
    private final double phi;
    private final double gamma;
    private final double beta;
    private final double lambda;
    private final double leff;
    private final double xd;
    private final double xj;
    private final boolean doped;
    private final double factor;
    private final double eta;
    private final boolean weakInversion;
    /** 1 + the fast-surface-state term of the subthreshold slope factor (before the body term). */
    private final double xnStates;
    private final double vt;
    private final double u0;
    private final double criticalGateField;
    private final double uexp;
    private final double vmax;
    private final double neff;
    private final double sqrtBulkPot;
    private final double[] a4 = new double[4];
    private final double[] b4 = new double[4];
    private final double[] x4 = new double[8];

    /**
     * The channel of one device at the model's present temperature.
     *
     * @param w width, {@code mult} the multiplier M, {@code leff} L − 2·LD
     */
    Level2Channel(MosModel m, double w, double mult, double leff) {
        vbi = m.type * m.tVbi;
        phi = m.tPhi;
        gamma = m.gamma;
        beta = m.tKp * w * mult / leff;
        lambda = m.lambda;
        this.leff = leff;
        xd = m.xd;
        xj = m.xj;
        doped = m.nsub != 0;
        double oxideCap = m.coxFactor * leff * mult * w;
        factor = 0.125 * m.delta * 2 * Math.PI * EPS_SI / oxideCap * leff;
        eta = 1 + factor;
        weakInversion = m.nfs != 0;
        xnStates = 1 + Junctions.CHARGE * m.nfs * 1e4 / oxideCap * mult * w * leff;
        vt = m.vt;
        u0 = m.u0 * 1e-4;
        criticalGateField = m.ucrit * 100 * EPS_SI / m.coxFactor;
        uexp = m.uexp;
        vmax = m.vmax;
        neff = m.neff;
        sqrtBulkPot = Math.sqrt(m.tBulkPot);
    }

    @Override
    public void evaluate(double vgs, double vds, double vbs) {
        boolean normal = vds >= 0;
        // the mode's own frame: source and drain swapped when vds < 0
        double lvbs = normal ? vbs : vbs - vds;
        double lvds = normal ? vds : -vds;
        double lvgs = normal ? vgs : vgs - vds;
        double phiMinVbs = phi - lvbs;
        double sphi = Math.sqrt(phi);
        double sphi3 = phi * sphi;

        // sqrt(φ − vbs) at the source (sarg) and at the drain (barg), continued smoothly for forward bias
        double sarg;
        double dsrgdb;
        double d2sdb2;
        if (lvbs <= 0) {
            sarg = Math.sqrt(phiMinVbs);
            dsrgdb = -0.5 / sarg;
            d2sdb2 = 0.5 * dsrgdb / phiMinVbs;
        } else {
            sarg = sphi / (1 + 0.5 * lvbs / phi);
            double t = sarg / sphi3;
            dsrgdb = -0.5 * sarg * t;
            d2sdb2 = -dsrgdb * t;
        }
        double barg;
        double dbrgdb;
        double d2bdb2;
        if (lvbs - lvds <= 0) {
            barg = Math.sqrt(phiMinVbs + lvds);
            dbrgdb = -0.5 / barg;
            d2bdb2 = 0.5 * dbrgdb / (phiMinVbs + lvds);
        } else {
            barg = sphi / (1 + 0.5 * (lvbs - lvds) / phi);
            double t = barg / sphi3;
            dbrgdb = -0.5 * barg * t;
            d2bdb2 = -dbrgdb * t;
        }

        // threshold: narrow-width factor, short-channel reduction of γ by the junction depth
        double vbin = vbi + factor * phiMinVbs;
        double gamasd;
        double dgddvb;
        double dgdvds;
        double dgddb2;
        if (gamma > 0 || doped) {
            double xwd = xd * barg;
            double xws = xd * sarg;
            double argss = 0;
            double argsd = 0;
            double dbargs = 0;
            double dbargd = 0;
            dgdvds = 0;
            dgddb2 = 0;
            double argxs = 0;
            double argxd = 0;
            double args = 0;
            double argd = 0;
            if (xj > 0) {
                argxs = 1 + xws * 2 / xj;
                argxd = 1 + xwd * 2 / xj;
                args = Math.sqrt(argxs);
                argd = Math.sqrt(argxd);
                double t = 0.5 * xj / leff;
                argss = t * (args - 1);
                argsd = t * (argd - 1);
            }
            gamasd = gamma * (1 - argss - argsd);
            double dbxwd = xd * dbrgdb;
            double dbxws = xd * dsrgdb;
            if (xj > 0) {
                double t = 0.5 / leff;
                dbargs = t * dbxws / args;
                dbargd = t * dbxwd / argd;
                double dasdb2 = -xd * (d2sdb2 + dsrgdb * dsrgdb * xd / (xj * argxs)) / (leff * args);
                double daddb2 = -xd * (d2bdb2 + dbrgdb * dbrgdb * xd / (xj * argxd)) / (leff * argd);
                dgddb2 = -0.5 * gamma * (dasdb2 + daddb2);
            }
            dgddvb = -gamma * (dbargs + dbargd);
            if (xj > 0) {
                dgdvds = gamma * 0.5 * dbxwd / (leff * argd);
            }
        } else {
            gamasd = gamma;
            dgddvb = 0;
            dgdvds = 0;
            dgddb2 = 0;
        }
        von = vbin + gamasd * sarg;
        vdsat = 0;
        double xn = 0;
        double argg = 0;
        if (weakInversion) {
            double cdonco = -(gamasd * dsrgdb + dgddvb * sarg) + factor;
            xn = xnStates + cdonco;
            von += vt * xn;
            argg = 1 / (vt * xn);
        } else if (lvgs <= vbin) {
            off(normal, 0);
            return;
        }
        double vgst = lvgs - von;

        double sarg3 = sarg * sarg * sarg;
        double gammad = gamasd;
        double dgdvbs = dgddvb;
        double body = barg * barg * barg - sarg3;
        double gdbdv = 2 * gammad * (barg * barg * dbrgdb - sarg * sarg * dsrgdb);
        double dodvbs = -factor + dgdvbs * sarg + gammad * dsrgdb;
        double dxndvb = 0;
        double dxndvd = 0;
        double dodvds = 0;
        if (weakInversion) {
            dxndvb = 2 * dgdvbs * dsrgdb + gammad * d2sdb2 + dgddb2 * sarg;
            dodvbs += vt * dxndvb;
            dxndvd = dgdvds * dsrgdb;
            dodvds = dgdvds * sarg + vt * dxndvd;
        }

        // effective mobility: degraded above the critical gate field
        double ufact = 1;
        double ueff = u0;
        double dudvgs = 0;
        double dudvbs = 0;
        if (vgst > criticalGateField) {
            ufact = Math.exp(uexp * Math.log(criticalGateField / vgst));
            ueff = u0 * ufact;
            dudvgs = -ufact * uexp / vgst;
            dudvbs = uexp * ufact * dodvbs / vgst;
        }

        // saturation voltage (Grove-Frohman)
        double vgsx = weakInversion ? Math.max(lvgs, von) : lvgs;
        gammad = gamasd / eta;
        double dsdvgs;
        double dsdvbs;
        if (gammad > 0) {
            double gammd2 = gammad * gammad;
            double argv = (vgsx - vbin) / eta + phiMinVbs;
            if (argv <= 0) {
                vdsat = 0;
                dsdvgs = 0;
                dsdvbs = 0;
            } else {
                double arg = Math.sqrt(1 + 4 * argv / gammd2);
                vdsat = Math.max((vgsx - vbin) / eta + gammd2 * (1 - arg) / 2, 0);
                dsdvgs = (1 - 1 / arg) / eta;
                dsdvbs = (gammad * (1 - arg) + 2 * argv / (gammad * arg)) / eta * dgdvbs + 1 / arg + factor * dsdvgs;
            }
        } else {
            vdsat = Math.max((vgsx - vbin) / eta, 0);
            dsdvgs = 1;
            dsdvbs = 0;
        }
        if (vmax > 0) {
            baumSaturation(vgsx, vbin, phiMinVbs, ueff, gammad, sarg3);
        }

        // channel-length modulation
        double xlamda = lambda;
        double dldvgs = 0;
        double dldvds = 0;
        double dldvbs = 0;
        double bsarg = 0;
        double dbsrdb = 0;
        double bodys = 0;
        double gdbdvs = 0;
        if (lvds != 0) {
            gammad = gamasd;
            if (lvbs - vdsat <= 0) {
                bsarg = Math.sqrt(vdsat + phiMinVbs);
                dbsrdb = -0.5 / bsarg;
            } else {
                bsarg = sphi / (1 + 0.5 * (lvbs - vdsat) / phi);
                dbsrdb = -0.5 * bsarg * bsarg / sphi3;
            }
            bodys = bsarg * bsarg * bsarg - sarg3;
            gdbdvs = 2 * gammad * (bsarg * bsarg * dbsrdb - sarg * sarg * dsrgdb);
            double dldsat = 0;
            boolean fromDepletion = doped && !(xlamda > 0);
            if (vmax <= 0) {
                if (fromDepletion) {
                    double argv = (lvds - vdsat) / 4;
                    double sargv = Math.sqrt(1 + argv * argv);
                    double arg = Math.sqrt(argv + sargv);
                    xlamda = xd / (leff * lvds) * arg;
                    dldsat = lvds * xlamda / (8 * sargv);
                }
            } else {
                double argv = (vgsx - vbin) / eta - vdsat;
                double xdv = xd / Math.sqrt(neff);
                double xlv = vmax * xdv / (2 * ueff);
                double vqchan = argv - gammad * bsarg;
                double dqdsat = -1 + gammad * dbsrdb;
                double vl = vmax * leff;
                double dfunds = vl * dqdsat - ueff * vqchan;
                double dfundg = (vl - ueff * vdsat) / eta;
                double dfundb = -vl * (1 + dqdsat - factor / eta) + ueff * (gdbdvs - dgdvbs * bodys / 1.5) / eta;
                dsdvgs = -dfundg / dfunds;
                dsdvbs = -dfundb / dfunds;
                if (fromDepletion) {
                    double xls = Math.sqrt(xlv * xlv + Math.max(lvds - vdsat, 0));
                    xlamda = xdv / (leff * lvds) * (xls - xlv);
                    dldsat = xdv / (2 * xls) / leff;
                }
            }
            if (fromDepletion) {
                dldvgs = dldsat * dsdvgs;
                dldvds = -xlamda + dldsat;
                dldvbs = dldsat * dsdvbs;
            }
        }

        // the shortened channel, limited at punch-through
        double xwb = xd * sqrtBulkPot;
        double xld = leff - xwb;
        double clfact = 1 - xlamda * lvds;
        dldvds = -xlamda - dldvds;
        double xleff = leff * clfact;
        double deltal = xlamda * lvds * leff;
        if (!doped) {
            xwb = 0.25e-6;
        }
        if (xleff < xwb) {
            xleff = xwb / (1 + (deltal - xld) / xwb);
            clfact = xleff / leff;
            double dfact = xleff * xleff / (xwb * xwb);
            dldvgs *= dfact;
            dldvds *= dfact;
            dldvbs *= dfact;
        }
        double beta1 = beta * ufact / clfact;
        gammad = gamasd;
        dgdvbs = dgddvb;

        if (lvds <= 1e-10) {
            // no drain voltage: only the output conductance
            double gds;
            if (lvgs <= von) {
                gds = weakInversion ? beta1 * (von - vbin - gammad * sarg) * Math.exp(argg * (lvgs - von)) : 0;
            } else {
                gds = beta1 * (lvgs - vbin - gammad * sarg);
            }
            off(normal, gds);
            return;
        }
        if (weakInversion && lvgs <= von) {
            // weak inversion (without NFS, ngspice takes the strong-inversion formulas from vbin up)
            if (vdsat <= 0) {
                // ngspice keeps the previous evaluation's current here; memspice takes the channel as off
                off(normal, 0);
                return;
            }
            double vdson = Math.min(vdsat, lvds);
            if (lvds > vdsat) {
                barg = bsarg;
                dbrgdb = dbsrdb;
                body = bodys;
                gdbdv = gdbdvs;
            }
            double cdson = beta1 * ((von - vbin - eta * vdson * 0.5) * vdson - gammad * body / 1.5);
            double didvds = beta1 * (von - vbin - eta * vdson - gammad * barg);
            double gdson = -cdson * dldvds / clfact - beta1 * dgdvds * body / 1.5;
            if (lvds < vdsat) {
                gdson += didvds;
            }
            double gbson = -cdson * dldvbs / clfact + beta1 * (dodvbs * vdson + factor * vdson - dgdvbs * body / 1.5
                    - gdbdv);
            if (lvds > vdsat) {
                gbson += didvds * dsdvbs;
            }
            double expg = Math.exp(argg * (lvgs - von));
            double cdrain = cdson * expg;
            double gmw = cdrain * argg;
            double gm = lvds > vdsat ? gmw + didvds * dsdvgs * expg : gmw;
            double t = gmw * (lvgs - von) / xn;
            double gds = gdson * expg - gm * dodvds - t * dxndvd;
            double gmbs = gbson * expg - gm * dodvbs - t * dxndvb;
            result(normal, cdrain, gm, gds, gmbs);
            return;
        }
        double cdrain;
        double gm;
        double gds;
        double gmbs;
        if (lvds <= vdsat) {
            // linear region
            cdrain = beta1 * ((lvgs - vbin - eta * lvds / 2) * lvds - gammad * body / 1.5);
            gm = cdrain * (dudvgs / ufact - dldvgs / clfact) + beta1 * lvds;
            gds = cdrain * -dldvds / clfact + beta1 * (lvgs - vbin - eta * lvds - gammad * barg - dgdvds * body / 1.5);
            gmbs = cdrain * (dudvbs / ufact - dldvbs / clfact) - beta1 * (gdbdv + dgdvbs * body / 1.5 - factor * lvds);
        } else {
            // saturation
            double over = lvgs - vbin - eta * vdsat - gammad * bsarg;
            cdrain = beta1 * ((lvgs - vbin - eta * vdsat / 2) * vdsat - gammad * bodys / 1.5);
            gm = cdrain * (dudvgs / ufact - dldvgs / clfact) + beta1 * vdsat + beta1 * over * dsdvgs;
            gds = -cdrain * dldvds / clfact - beta1 * dgdvds * bodys / 1.5;
            gmbs = cdrain * (dudvbs / ufact - dldvbs / clfact) - beta1 * (gdbdvs + dgdvbs * bodys / 1.5 - factor * vdsat)
                    + beta1 * over * dsdvbs;
        }
        result(normal, cdrain, gm, gds, gmbs);
    }

    /** No channel current; only {@code gds} (the conductance at zero drain voltage) may remain. */
    private void off(boolean normal, double gds) {
        result(normal, 0, 0, gds, 0);
    }

    /**
     * Replaces {@link #vdsat} by the smallest positive root of Baum's velocity-saturation quartic
     * (solved as ngspice does, through the resolvent cubic) when one is found.
     */
    private void baumSaturation(double vgsx, double vbin, double phiMinVbs, double ueff, double gammad, double sarg3) {
        double v1 = (vgsx - vbin) / eta + phiMinVbs;
        double v2 = phiMinVbs;
        double xv = vmax * leff / ueff;
        double a1 = gammad / 0.75;
        double b1 = -2 * (v1 + xv);
        double c1 = -2 * gammad * xv;
        double d1 = 2 * v1 * (v2 + xv) - v2 * v2 - 4.0 / 3.0 * gammad * sarg3;
        double a = -b1;
        double b = a1 * c1 - 4 * d1;
        double c = -d1 * (a1 * a1 - 4 * b1) - c1 * c1;
        double r = -a * a / 3 + b;
        double s = 2 * a * a * a / 27 - a * b / 3 + c;
        double r3 = r * r * r;
        double s2 = s * s;
        double p = s2 / 4 + r3 / 27;
        double p0 = Math.abs(p);
        double p2 = Math.sqrt(p0);
        double y3;
        if (p < 0) {
            double ro = Math.exp(Math.log(Math.sqrt(s2 / 4 + p0)) / 3);
            double fi = Math.atan(-2 * p2 / s);
            y3 = 2 * ro * Math.cos(fi / 3) - a / 3;
        } else {
            // the magnitudes' cube roots, as ngspice takes them
            double p3 = Math.exp(Math.log(Math.abs(-s / 2 + p2)) / 3);
            double p4 = Math.exp(Math.log(Math.abs(-s / 2 - p2)) / 3);
            y3 = p3 + p4 - a / 3;
        }
        int roots = 0;
        double a3 = Math.sqrt(a1 * a1 / 4 - b1 + y3);
        double b3 = Math.sqrt(y3 * y3 / 4 - d1);
        for (int i = 0; i < 4; i++) {
            a4[i] = a1 / 2 + SIGN_A[i] * a3;
            b4[i] = y3 / 2 + SIGN_B[i] * b3;
            double delta4 = a4[i] * a4[i] / 4 - b4[i];
            if (delta4 < 0) {
                continue;
            }
            double t = Math.sqrt(delta4);
            x4[roots++] = -a4[i] / 2 + t;
            x4[roots++] = -a4[i] / 2 - t;
        }
        int valid = 0;
        double xvalid = 0;
        for (int j = 0; j < roots; j++) {
            double x = x4[j];
            if (x <= 0) {
                continue;
            }
            double poly = x * x * x * x + a1 * x * x * x + b1 * x * x + c1 * x + d1;
            if (Math.abs(poly) > 1e-6) {
                continue;
            }
            valid++;
            if (valid <= 1 || x <= xvalid) {
                xvalid = x;
            }
        }
        if (valid > 0) {
            vdsat = xvalid * xvalid - phiMinVbs;
        }
    }
}
