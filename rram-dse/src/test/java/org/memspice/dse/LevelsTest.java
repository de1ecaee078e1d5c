package org.memspice.dse;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.memspice.dse.hw.TileConductances;
import org.memspice.dse.hw.TileProgrammer;
import org.memspice.dse.map.CellCoding;
import org.memspice.dse.map.LayerMap;
import org.memspice.dse.map.TilePlan;
import org.memspice.dse.net.Dense;
import org.memspice.devices.programming.ConductanceLevels;
import org.memspice.memprop.net.Shape;

/** Finite conductance states never fall back to continuous values, whatever else is set. */
class LevelsTest {
    private static void assertOnStates(DesignPoint p, ConductanceLevels states) {
        Dense layer = new Dense(new Shape(1, 1, 40), 30);
        Random r = new Random(11);
        for (int k = 0; k < layer.weights().length; k++) {
            layer.weights()[k] = r.nextGaussian();
        }
        CellCoding coding = new CellCoding(p);
        TileProgrammer programmer = new TileProgrammer(p, coding);
        int formed = 0;
        for (TilePlan plan : new LayerMap(layer, p, coding, "test").tiles()) {
            TileConductances t = programmer.program(layer, plan, 3.0);
            for (int k = 0; k < t.g.length; k++) {
                if (t.formed[k]) {
                    formed++;
                    assertTrue(states.contains(t.g[k]), "cell " + k + " holds " + t.g[k] + " S, not a state");
                }
            }
        }
        assertTrue(formed > 40 * 30, "cells were programmed");
    }

    @Test
    void evenlySpacedStatesHoldEveryProgrammedCell() {
        for (int levels : new int[] {2, 3, 5, 16}) {
            for (DesignPoint.Encoding enc : DesignPoint.Encoding.values()) {
                DesignPoint p = new DesignPoint();
                p.tileRows = 32;
                p.tileCols = 32;
                p.levels = levels;
                p.encoding = enc;
                assertOnStates(p, ConductanceLevels.even(p.gMin, p.gMax, levels));
                p.weightBits = 5;
                assertOnStates(p, ConductanceLevels.even(p.gMin, p.gMax, levels));
                p.bitsPerCell = 2;
                assertOnStates(p, ConductanceLevels.even(p.gMin, p.gMax, levels));
            }
        }
    }

    @Test
    void anExplicitLevelListHoldsEveryProgrammedCell() {
        DesignPoint p = new DesignPoint();
        p.tileRows = 64;
        p.tileCols = 64;
        p.levelList = new double[] {2e-6, 3.1e-6, 7e-6, 12.5e-6, 30e-6};
        assertOnStates(p, ConductanceLevels.of(p.levelList));
        p.encoding = DesignPoint.Encoding.OFFSET;
        p.weightBits = 3;
        assertOnStates(p, ConductanceLevels.of(p.levelList));
    }
}
