package org.memspice.crossbar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.memspice.crossbar.programming.HalfSelectScheme;
import org.memspice.crossbar.programming.WriteVerifyProgrammer;
import org.memspice.crossbar.cell.MemristorCells;
import org.memspice.devices.memristor.MemristorModels;

/**
 * Write-and-verify on a 4x4 array of Yakopcic devices (thresholds 0.16 V and −0.15 V): with a
 * 0.45 V write, V/2 half-selection (0.225 V) disturbs the half-selected cells, V/3 (±0.15 V) does
 * not; both reach the target, in both directions.
 */
class WriteVerifyProgrammerTest {
    private static WriteVerifyProgrammer array() {
        return new WriteVerifyProgrammer(MemristorModels.create("yakopcic", Map.of()), 4, 4);
    }

    @Test
    void vThirdReachesTheTargetWithoutDisturbingAnyOtherCell() {
        WriteVerifyProgrammer a = array();
        double target = 0.5 / 0.11 * a.conductance(1, 2, 0.1); // the conductance of state 0.5
        WriteVerifyProgrammer.Result r = a.program(1, 2, target, 0.02, 0.1, 0.45, -0.45, 10e-6, 1000,
                HalfSelectScheme.V_THIRD);
        assertTrue(r.reached(), "reached the target: " + r);
        assertTrue(r.pulses() > 5 && r.pulses() < 1000, "took several pulses: " + r.pulses());
        assertEquals(0, r.disturbedCells(), "no cell of the array moved");
        assertEquals(0.5, a.state(1, 2), 0.02);
    }

    @Test
    void vHalfDisturbsTheHalfSelectedCells() {
        WriteVerifyProgrammer a = array();
        double target = 0.5 / 0.11 * a.conductance(1, 2, 0.1);
        WriteVerifyProgrammer.Result r = a.program(1, 2, target, 0.02, 0.1, 0.45, -0.45, 10e-6, 1000,
                HalfSelectScheme.V_HALF);
        assertTrue(r.reached());
        assertEquals(6, r.disturbedCells(), "the 3 other cells of the row and the 3 of the column");
        assertTrue(r.maxDisturbance() > 1e-3, "visibly: " + r.maxDisturbance());
        assertEquals(0.11, a.state(0, 0), 0, "cells outside the selected lines see 0 V");
    }

    @Test
    void programsDownwardWithResetPulses() {
        WriteVerifyProgrammer a = array();
        a.setState(2, 3, 0.8);
        double target = 0.3 / 0.8 * a.conductance(2, 3, 0.1);
        WriteVerifyProgrammer.Result r = a.program(2, 3, target, 0.02, 0.1, 0.45, -0.45, 10e-6, 5000,
                HalfSelectScheme.V_THIRD);
        assertTrue(r.reached(), r.toString());
        assertEquals(0.3, a.state(2, 3), 0.01);
        assertEquals(0, r.disturbedCells());
    }

    private static Crossbar yakopcicArray(int size, double wire, double end) {
        return new Crossbar(size, size, wire, wire, end, end, new MemristorCells(size * size, "yakopcic", Map.of()));
    }

    @Test
    void nearlyIdealLinesReproduceTheIdealProgrammer() {
        WriteVerifyProgrammer ideal = array();
        double target = 0.5 / 0.11 * ideal.conductance(1, 2, 0.1);
        WriteVerifyProgrammer.Result expected = ideal.program(1, 2, target, 0.02, 0.1, 0.45, -0.45, 10e-6, 1000,
                HalfSelectScheme.V_THIRD);
        WriteVerifyProgrammer lines = new WriteVerifyProgrammer(yakopcicArray(4, 1e-6, 1e-6), 2);
        WriteVerifyProgrammer.Result r = lines.program(1, 2, target, 0.02, 0.1, 0.45, -0.45, 10e-6, 1000,
                HalfSelectScheme.V_THIRD);
        assertTrue(r.reached(), r.toString());
        assertEquals(expected.pulses(), r.pulses(), 1, "same pulse count within one");
        assertEquals(ideal.state(1, 2), lines.state(1, 2), 0.01);
        assertEquals(0.45, lines.lastPulseVoltage(1, 2), 1e-4, "the selected cell sees the full write voltage");
    }

    @Test
    void irDropWeakensTheWriteOfTheFarCell() {
        int n = 16;
        WriteVerifyProgrammer ideal = new WriteVerifyProgrammer(MemristorModels.create("yakopcic", Map.of()), n, n);
        double target = 0.5 / 0.11 * ideal.conductance(0, n - 1, 0.1);
        WriteVerifyProgrammer.Result free = ideal.program(0, n - 1, target, 0.02, 0.1, 0.45, -0.45, 10e-6, 2000,
                HalfSelectScheme.V_THIRD);
        WriteVerifyProgrammer lines = new WriteVerifyProgrammer(yakopcicArray(n, 1, 10), 4);
        WriteVerifyProgrammer.Result r = lines.program(0, n - 1, target, 0.02, 0.1, 0.45, -0.45, 10e-6, 2000,
                HalfSelectScheme.V_THIRD);
        double delivered = lines.lastPulseVoltage(0, n - 1);
        System.out.printf("write of the far cell of a %dx%d array: %.4f V delivered of 0.45 V, %d pulses (%d with ideal"
                + " lines)%n", n, n, delivered, r.pulses(), free.pulses());
        assertTrue(delivered < 0.44, "IR drop on the lines: " + delivered);
        assertTrue(r.reached() && r.pulses() > free.pulses(), r + " against " + free.pulses() + " pulses");
    }
}
