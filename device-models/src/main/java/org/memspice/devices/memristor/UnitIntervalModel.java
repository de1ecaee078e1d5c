package org.memspice.devices.memristor;

/** A model whose state is normalized to [0, 1], starting at its x0 parameter. */
abstract class UnitIntervalModel implements MemristorModel {
    private final double x0;

    UnitIntervalModel(double x0) {
        this.x0 = x0;
    }

    @Override
    public final double minState() {
        return 0;
    }

    @Override
    public final double maxState() {
        return 1;
    }

    @Override
    public final double initialState() {
        return x0;
    }
}
