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
    /** One element's parameter. */
    public record Target(ParameterSensitive element, int index) {
    }

    private final String name;
    private final List<Target> targets;

    private SensParameter(String name, List<Target> targets) {
        this.name = name;
        this.targets = List.copyOf(targets);
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
        Target t = targets.get(0);
        return t.element.parameterValue(t.index);
    }

    /** Sets the value on every target; the caller then calls {@code MnaSystem.parametersChanged()}. */
    public void set(double value) {
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
        throw new IllegalArgumentException("no element or model named " + owner + (param == null ? ""
                : " (a parameter is element:name or model:name)"));
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
