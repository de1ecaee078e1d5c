package org.memspice.spice.elements;

/**
 * The level-1 (Shichman-Hodges) channel current as a plain function, in the device's type frame
 * (NMOS sign; a PMOS caller negates voltages and current): the one definition used by the
 * {@code M} element and by cells built on the access transistor (the 1T1R cell).
 * {@link #evaluate} handles the source-drain swap for vds &lt; 0 and gives the drain current with
 * its partials with respect to vgs, vds and vbs, and with respect to its own parameters (the
 * threshold, β, γ, φ and λ, at fixed terminal voltages: what a parameter sensitivity needs).
 */
public final class Level1Channel extends MosChannel {
    private final double vto;
    private final double beta;
    private final double gamma;
    private final double phi;
    private final double lambda;
    /** ∂id/∂(vto, beta, gamma, phi, lambda) at the last evaluation, signed as {@link #id}. */
    public double dIdVto;
    public double dIdBeta;
    public double dIdGamma;
    public double dIdPhi;
    public double dIdLambda;
    /**
     * ∂von/∂gamma, ∂von/∂phi (∂von/∂vto is 1) and ∂von/∂vbs of the present mode's frame (vbs − vds in
     * reverse mode); {@link #vdsat} moves by −∂von where it is positive.
     */
    public double dVonDGamma;
    public double dVonDPhi;
    public double dVonDVbs;

    /**
     * @param vto threshold in the type frame (positive for an enhancement device of either type)
     * @param beta KP·W/Leff
     */
    public Level1Channel(double vto, double beta, double gamma, double phi, double lambda) {
        this.vto = vto;
        this.beta = beta;
        this.gamma = gamma;
        this.phi = phi;
        this.lambda = lambda;
    }

    @Override
    public void evaluate(double vgs, double vds, double vbs) {
        boolean normal = vds >= 0;
        double vgsM = normal ? vgs : vgs - vds;
        double vdsM = normal ? vds : -vds;
        double vbsM = normal ? vbs : vbs - vds;
        double sqrtPhi = Math.sqrt(phi);
        double sarg = vbsM <= 0 ? Math.sqrt(phi - vbsM) : Math.max(0, sqrtPhi - vbsM / (2 * sqrtPhi));
        double dSargDPhi = vbsM <= 0 ? 0.5 / sarg : sarg > 0 ? 0.5 / sqrtPhi + vbsM / (4 * phi * sqrtPhi) : 0;
        von = vto + gamma * (sarg - sqrtPhi);
        dVonDGamma = sarg - sqrtPhi;
        dVonDPhi = gamma * (dSargDPhi - 0.5 / sqrtPhi);
        dVonDVbs = gamma * (vbsM <= 0 ? -0.5 / sarg : sarg > 0 ? -0.5 / sqrtPhi : 0);
        double vgst = vgsM - von;
        double cdrain;
        double gm;
        double gds;
        double gmbs;
        // ∂cdrain/∂beta and ∂cdrain/∂lambda in the mode's frame (∂cdrain/∂von is −gm)
        double dBeta;
        double dLambda;
        if (vgst <= 0) {
            cdrain = 0;
            gm = 0;
            gds = 0;
            gmbs = 0;
            dBeta = 0;
            dLambda = 0;
        } else {
            double arg = sarg <= 0 ? 0 : gamma / (2 * sarg);
            double betap = beta * (1 + lambda * vdsM);
            if (vgst <= vdsM) {
                cdrain = betap * vgst * vgst * 0.5;
                gm = betap * vgst;
                gds = lambda * beta * vgst * vgst * 0.5;
                dBeta = (1 + lambda * vdsM) * vgst * vgst * 0.5;
                dLambda = beta * vdsM * vgst * vgst * 0.5;
            } else {
                cdrain = betap * vdsM * (vgst - 0.5 * vdsM);
                gm = betap * vdsM;
                gds = betap * (vgst - vdsM) + lambda * beta * vdsM * (vgst - 0.5 * vdsM);
                dBeta = (1 + lambda * vdsM) * vdsM * (vgst - 0.5 * vdsM);
                dLambda = beta * vdsM * vdsM * (vgst - 0.5 * vdsM);
            }
            gmbs = gm * arg;
        }
        vdsat = Math.max(vgst, 0);
        result(normal, cdrain, gm, gds, gmbs);
        double sign = normal ? 1 : -1;
        dIdVto = -sign * gm;
        dIdGamma = dIdVto * dVonDGamma;
        dIdPhi = dIdVto * dVonDPhi;
        dIdBeta = sign * dBeta;
        dIdLambda = sign * dLambda;
    }
}
