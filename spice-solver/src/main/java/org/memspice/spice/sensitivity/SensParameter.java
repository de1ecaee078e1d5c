package org.memspice.spice.sensitivity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.memspice.spice.circuit.Circuit;
import org.memspice.spice.element.Element;
import org.memspice.spice.element.ParameterSensitive;

/**
 * A parameter a sensitivity is taken with respect to: one element parameter ({@code r1},
 * {@code r1:r}, {@code ym1:x0}) or a {@code .model} parameter shared by every element of that
 * model ({@code mem:ap}: the derivative sums over them, and setting it sets them all).
 */
public final class SensParameter {
    /**
     * One element's parameter, and the derivative of that parameter with respect to this one
     * ({@code weight}: 1 for an element or model parameter, d(element value)/d(.param) for a
     * .param).
     */
    public record Target(ParameterSensitive element, int index, double weight) {
        public Target(ParameterSensitive element, int index) {
            this(element, index, 1);
        }
    }

    /** Builds the netlist again with one top-level .param set to a value (for .param sensitivities). */
    public interface Rebuild {
        Circuit build(String param, double value);
    }

    private final String name;
    private final List<Target> targets;
    /** The value of a .param (NaN for element and model parameters, whose targets hold it). */
    private final double paramValue;

    private SensParameter(String name, List<Target> targets) {
        this(name, targets, Double.NaN);
    }

    private SensParameter(String name, List<Target> targets, double paramValue) {
        this.name = name;
        this.targets = List.copyOf(targets);
        this.paramValue = paramValue;
    }

    /** The name as a table shows it: {@code element:parameter} or {@code model:parameter}. */
    public String name() {
        return name;
    }

    public List<Target> targets() {
        return targets;
    }

    /** The value (of the first element, for a model parameter). */
    public double value() {
        if (!Double.isNaN(paramValue)) {
            return paramValue;
        }
        Target t = targets.get(0);
        return t.element.parameterValue(t.index);
    }

    /** Sets the value on every target; the caller then calls {@code MnaSystem.parametersChanged()}. */
    public void set(double value) {
        if (!Double.isNaN(paramValue)) {
            throw new UnsupportedOperationException(".param " + name + " changes by building the netlist again"
                    + " (CircuitBuilder.overrideParameter)");
        }
        for (Target t : targets) {
            t.element.setParameterValue(t.index, value);
        }
    }

    /**
     * Resolves {@code spec}: an element name (its primary parameter), {@code element:parameter} or
     * {@code model:parameter}.
     *
     * @throws IllegalArgumentException naming what is unknown or cannot be differentiated
     */
    public static SensParameter resolve(Circuit circuit, String spec) {
        return resolve(circuit, spec, null);
    }

    /**
     * As {@link #resolve(Circuit, String)}; with {@code rebuild} a plain name may also be a
     * top-level {@code .param}: its derivative is the chain rule over every element parameter it
     * changes, d(value)/d(param) found by building the netlist with the .param moved by a relative
     * 1e-6 either way (exact where the values depend linearly on it).
     */
    public static SensParameter resolve(Circuit circuit, String spec, Rebuild rebuild) {
        String s = spec.toLowerCase(Locale.ROOT).trim();
        int colon = s.lastIndexOf(':');
        String owner = colon < 0 ? s : s.substring(0, colon);
        String param = colon < 0 ? null : s.substring(colon + 1);
        Element e = circuit.element(owner);
        if (e != null) {
            if (!(e instanceof ParameterSensitive)) {
                throw new IllegalArgumentException("element " + owner + " has no parameter a sensitivity can be taken"
                        + " with respect to");
            }
            ParameterSensitive ps = (ParameterSensitive) e;
            List<String> names = ps.sensitivityParameters();
            int k = param == null ? 0 : names.indexOf(param);
            if (k < 0 || names.isEmpty()) {
                throw new IllegalArgumentException("element " + owner + " has no parameter '" + param
                        + "' (differentiable: " + String.join(" ", names) + ")");
            }
            String why = ps.notDifferentiable(k);
            if (why != null) {
                throw new IllegalArgumentException("cannot differentiate with respect to " + owner + ":" + names.get(k)
                        + ": " + why);
            }
            return new SensParameter(owner + ":" + names.get(k), List.of(new Target(ps, k)));
        }
        if (param != null) {
            List<Target> targets = new ArrayList<>();
            boolean modelSeen = false;
            TreeSet<String> known = new TreeSet<>();
            for (Element el : circuit.elements()) {
                if (el instanceof ParameterSensitive && owner.equals(((ParameterSensitive) el).modelName())) {
                    modelSeen = true;
                    ParameterSensitive ps = (ParameterSensitive) el;
                    known.addAll(ps.sensitivityParameters());
                    int k = ps.sensitivityParameters().indexOf(param);
                    if (k >= 0) {
                        String why = ps.notDifferentiable(k);
                        if (why != null) {
                            throw new IllegalArgumentException("cannot differentiate with respect to model parameter "
                                    + owner + ":" + param + ": " + why);
                        }
                        targets.add(new Target(ps, k));
                    }
                }
            }
            if (modelSeen && targets.isEmpty()) {
                throw new IllegalArgumentException("model " + owner + " has no parameter '" + param + "' (differentiable: "
                        + String.join(" ", known) + ")");
            }
            if (!targets.isEmpty()) {
                return new SensParameter(owner + ":" + param, targets);
            }
        }
        if (param == null && circuit.parameters().containsKey(owner)) {
            if (rebuild == null) {
                throw new IllegalArgumentException(".param " + owner + ": a .param sensitivity needs the netlist file"
                        + " (run it from a file)");
            }
            return ofParam(circuit, owner, rebuild);
        }
        throw new IllegalArgumentException("no element, model or .param named " + owner + (param == null ? ""
                : " (a parameter is element:name or model:name)"));
    }

    private static SensParameter ofParam(Circuit circuit, String name, Rebuild rebuild) {
        double v = circuit.parameters().get(name);
        double h = 1e-6 * (v == 0 ? 1 : Math.abs(v));
        Circuit up = rebuild.build(name, v + h);
        Circuit down = rebuild.build(name, v - h);
        List<Target> targets = new ArrayList<>();
        for (Element e : circuit.elements()) {
            Element eu = up.element(e.name());
            Element ed = down.element(e.name());
            if (eu == null || ed == null || eu.getClass() != e.getClass() || ed.getClass() != e.getClass()) {
                throw new IllegalArgumentException(".param " + name + " changes the circuit's structure (element "
                        + e.name() + "), not only its values");
            }
            if (e instanceof org.memspice.spice.elements.BehavioralSource) {
                // a .param folded into the expression: the chain rule over the tape's constants
                org.memspice.spice.elements.BehavioralSource b = (org.memspice.spice.elements.BehavioralSource) e;
                double[] cu = ((org.memspice.spice.elements.BehavioralSource) eu).expressionConstants();
                double[] cd = ((org.memspice.spice.elements.BehavioralSource) ed).expressionConstants();
                if (cu.length != cd.length || cu.length != b.expressionConstants().length) {
                    throw new IllegalArgumentException(".param " + name + " changes the form of " + e.name()
                            + "'s expression, not only its constants");
                }
                for (int i = 0; i < cu.length; i++) {
                    if (cu[i] != cd[i]) {
                        targets.add(new Target(b.constantParameter(i), 0, (cu[i] - cd[i]) / (2 * h)));
                    }
                }
            }
            if (!(e instanceof ParameterSensitive)) {
                continue;
            }
            ParameterSensitive ps = (ParameterSensitive) e;
            ParameterSensitive pu = (ParameterSensitive) eu;
            ParameterSensitive pd = (ParameterSensitive) ed;
            List<String> names = ps.sensitivityParameters();
            for (int k = 0; k < names.size(); k++) {
                double du = pu.parameterValue(k) - pd.parameterValue(k);
                if (du == 0) {
                    continue;
                }
                String why = ps.notDifferentiable(k);
                if (why != null) {
                    throw new IllegalArgumentException(".param " + name + " sets " + e.name() + ":" + names.get(k)
                            + ", which cannot be differentiated: " + why);
                }
                targets.add(new Target(ps, k, du / (2 * h)));
            }
        }
        if (!up.initialConditions().equals(down.initialConditions())) {
            throw new IllegalArgumentException(".param " + name + " sets a .ic node voltage, which is not a"
                    + " differentiable parameter (an IC= on a capacitor is, with uic)");
        }
        if (targets.isEmpty()) {
            throw new IllegalArgumentException(".param " + name + " sets no element value (nothing to differentiate)");
        }
        return new SensParameter(name, targets, v);
    }

    /** The primary parameter of every element that has one, in netlist order (ngspice's .sens without parameters). */
    public static List<SensParameter> all(Circuit circuit) {
        List<SensParameter> out = new ArrayList<>();
        for (Element e : circuit.elements()) {
            if (e instanceof ParameterSensitive) {
                ParameterSensitive ps = (ParameterSensitive) e;
                if (!ps.sensitivityParameters().isEmpty() && ps.notDifferentiable(0) == null) {
                    out.add(new SensParameter(e.name() + ":" + ps.sensitivityParameters().get(0),
                            List.of(new Target(ps, 0))));
                }
            }
        }
        return out;
    }
}
