package org.memspice.devices;

import java.util.Map;
import java.util.Set;
import org.memspice.devices.memristor.MemristorModel;
import org.memspice.devices.memristor.MemristorModels;
import org.memspice.devices.memristor.MemristorPoint;
import org.memspice.devices.solver.Memristor;
import org.memspice.spice.circuit.ModelCard;
import org.memspice.spice.element.Element;
import org.memspice.spice.element.ElementCard;
import org.memspice.spice.element.ElementFactory;
import org.memspice.spice.element.ElementRegistry;

/**
 * A registered model that hides its analytic parameter derivatives: everything else is the
 * wrapped model's, so {@link org.memspice.devices.memristor.ParameterDerivatives} takes its
 * numerical path (central differences of the model re-created by kind) for every continuous
 * parameter, as it would for a model written without them. Every built-in model now has them, so
 * this keeps that path under test.
 */
final class NumericalOnlyModel implements MemristorModel {
    private final MemristorModel model;

    NumericalOnlyModel(MemristorModel model) {
        this.model = model;
    }

    @Override
    public String kind() {
        return model.kind();
    }

    @Override
    public void evaluate(double v, double x, MemristorPoint out) {
        model.evaluate(v, x, out);
    }

    @Override
    public double minState() {
        return model.minState();
    }

    @Override
    public double maxState() {
        return model.maxState();
    }

    @Override
    public double initialState() {
        return model.initialState();
    }

    @Override
    public Map<String, Double> parameters() {
        return model.parameters();
    }

    @Override
    public Set<String> discreteParameters() {
        return model.discreteParameters();
    }

    @Override
    public boolean setLowersState() {
        return model.setLowersState();
    }

    /**
     * The default registry plus {@code YNUMERICAL name a b model [x0=...]}: a {@link Memristor} of
     * the .model's MODEL= kind wrapped in a NumericalOnlyModel. Its parameters are reached by
     * instance ({@code name:ron}); once a sensitivity check moves one, the device holds the model
     * re-created by kind, with its analytic derivatives.
     */
    static ElementRegistry registry() {
        ElementRegistry r = ElementRegistry.loadDefault();
        r.register(new ElementFactory() {
            @Override
            public java.util.List<String> prefixes() {
                return java.util.List.of("YNUMERICAL");
            }

            @Override
            public Element create(ElementCard card) {
                int a = card.node("positive");
                int b = card.node("negative");
                ModelCard m = card.model("memristor");
                MemristorModel model = new NumericalOnlyModel(MemristorModels.create(m.word("model"), m.params()));
                double x0 = card.namedValues().getOrDefault("x0", model.initialState());
                return new Memristor(card.name(), a, b, model, x0);
            }
        });
        return r;
    }
}
