package org.memspice.spice.circuit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Node look-up by a range of a line's text against look-up by the lower-cased name. */
class UnknownsTest {
    @Test
    void aRangeFindsOrMakesTheNodeOfItsLowerCasedName() {
        Random random = new Random(19);
        String alphabet = "aAbB0_gGnNdD\u00c4\u00e4\u0130";
        Unknowns byRange = new Unknowns();
        Unknowns byName = new Unknowns();
        for (int t = 0; t < 20_000; t++) {
            StringBuilder s = new StringBuilder();
            int len = 1 + random.nextInt(4);
            for (int i = 0; i < len; i++) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String name = s.toString();
            String line = "R1 " + name + " x";
            int got = byRange.node(line, 3, 3 + name.length());
            int expected = byName.node(name.toLowerCase(Locale.ROOT));
            assertEquals(expected, got, name);
            assertEquals(byName.name(expected), byRange.name(got), name);
        }
        assertEquals(byName.size(), byRange.size());
    }

    @Test
    void groundByAnyCase() {
        Unknowns u = new Unknowns();
        assertEquals(0, u.node("R1 a GND", 5, 8));
        assertEquals(0, u.node("R1 a 0", 5, 6));
        int a = u.node("R1 Na 0", 3, 5);
        assertEquals(a, u.node("na"));
        assertEquals("na", u.name(a));
    }
}
