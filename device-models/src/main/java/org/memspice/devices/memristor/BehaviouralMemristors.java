package org.memspice.devices.memristor;

import java.util.Locale;
import java.util.Map;

/**
 * Memristor models written as behavioural subcircuits (B sources, the state on a 1 F capacitor),
 * for netlists that must also run in simulators without {@code YMEMRISTOR}, such as ngspice. The
 * equations are those of the model classes here, in the published behavioural form (for Yakopcic,
 * the form of {@code spice-solver/src/test/resources/reference/memristor_yakopcic.cir}, which the
 * native device reproduces within 1 %: {@code NativeVersusBehaviouralTest}); the state starts at
 * the instance parameter {@code x0} ({@code ic=}, so run the transient with {@code uic}) and prints as
 * {@code v(<instance>.x)}.
 */
public final class BehaviouralMemristors {
    private BehaviouralMemristors() {
    }

    /**
     * {@code .subckt name p n params: x0=...}: the device of model {@code kind} with the given
     * parameters over the model's defaults, current from p to n, state on node x.
     *
     * @throws IllegalArgumentException for a model with no behavioural form here (only yakopcic so far) or an unknown parameter
     */
    public static String subcircuit(String kind, Map<String, Double> given, String name) {
        if (!kind.equalsIgnoreCase("yakopcic")) {
            throw new IllegalArgumentException("no behavioural subcircuit for memristor model " + kind + " (only yakopcic)");
        }
        Parameters ps = new Parameters("yakopcic", Yakopcic.DEFAULTS, given);
        String v = "V(p,n)";
        String x = "V(x)";
        return String.format(Locale.ROOT, ""
                + "* Yakopcic memristor (behavioural): I = a*x*sinh(b*V), dx/dt = eta*g(V)*f(x), state on a 1 F capacitor\n"
                + ".subckt %1$s p n params: x0=%2$.17g\n"
                + "Bm p n I = (%3$s >= 0 ? %4$.17g : %5$.17g)*%6$s*sinh(%7$.17g*%3$s)\n"
                + "Cx x 0 1 ic={x0}\n"
                + "Bx 0 x I = %8$.17g*(%3$s > %9$.17g ? %10$.17g*(exp(%3$s)-exp(%9$.17g)) : (%3$s < -%11$.17g ?"
                + " -%12$.17g*(exp(-%3$s)-exp(%11$.17g)) : 0))"
                + "*(%3$s >= 0 ? (%6$s >= %13$.17g ? exp(-%14$.17g*(%6$s-%13$.17g))*((%13$.17g-%6$s)/(1-%13$.17g)+1) : 1)"
                + " : (%6$s <= 1-%15$.17g ? exp(%16$.17g*(%6$s+%15$.17g-1))*(%6$s/(1-%15$.17g)) : 1))\n"
                + ".ends\n",
                name, ps.get("x0"), v, ps.get("a1"), ps.get("a2"), x, ps.get("b"), ps.get("eta"), ps.get("vp"), ps.get("ap"),
                ps.get("vn"), ps.get("an"), ps.get("xp"), ps.get("alphap"), ps.get("xn"), ps.get("alphan"));
    }
}
