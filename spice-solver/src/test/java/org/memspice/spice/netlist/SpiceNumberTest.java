package org.memspice.spice.netlist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SpiceNumberTest {
    @ParameterizedTest
    @CsvSource({
        "1k, 1e3", "1K, 1e3", "1meg, 1e6", "1MEG, 1e6", "2.5g, 2.5e9", "1t, 1e12", "3m, 3e-3", "3M, 3e-3",
        "10u, 1e-5", "4n, 4e-9", "5p, 5e-12", "6f, 6e-15", "1mil, 25.4e-6", "10nF, 1e-8", "1kohm, 1e3",
        "5mA, 5e-3", "1e-14, 1e-14", "1.5e3k, 1.5e6", ".5, 0.5", "-2.5u, -2.5e-6", "+3, 3", "100, 100",
        "1megohm, 1e6", "0.18u, 0.18e-6", "2E+2, 200", "1V, 1"
    })
    void parsesSuffixesAndIgnoresUnits(String token, double expected) {
        assertEquals(expected, SpiceNumber.parse(token), Math.abs(expected) * 1e-12);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "k1", "", "1.2.3", "--1", "1e", "1k2"})
    void rejectsNonNumbers(String token) {
        double v = SpiceNumber.parse(token);
        // "1e" reads as 1 with unit letter e, as SPICE does; everything else is not a number
        if (token.equals("1e")) {
            assertEquals(1, v);
        } else {
            assertTrue(Double.isNaN(v), token + " -> " + v);
        }
    }

    @org.junit.jupiter.api.Test
    void decimalNumbersReadExactlyAsJavaReadsThem() {
        // SpiceNumber reads short decimals without Double.parseDouble (Clinger's fast path); every
        // value must be bit for bit the one parseDouble gives, or the netlists' values would move
        java.util.Random random = new java.util.Random(15);
        for (int t = 0; t < 200_000; t++) {
            StringBuilder s = new StringBuilder();
            if (random.nextInt(4) == 0) {
                s.append(random.nextBoolean() ? '-' : '+');
            }
            int digits = 1 + random.nextInt(random.nextBoolean() ? 6 : 19);
            int point = random.nextInt(digits + 2) - 1;
            for (int d = 0; d < digits; d++) {
                if (d == point) {
                    s.append('.');
                }
                s.append((char) ('0' + random.nextInt(10)));
            }
            if (random.nextInt(3) == 0) {
                s.append(random.nextBoolean() ? 'e' : 'E');
                int r = random.nextInt(3);
                s.append(r == 0 ? "-" : r == 1 ? "+" : "").append(random.nextInt(random.nextBoolean() ? 25 : 330));
            }
            String token = s.toString();
            double expected = Double.parseDouble(token);
            if (Double.isFinite(expected)) {
                assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(SpiceNumber.parse(token)),
                        token);
            } else {
                assertTrue(Double.isNaN(SpiceNumber.parse(token)), token); // beyond a double: not a number
            }
        }
        for (String token : new String[] {"9007199254740993", "900719925474099.3", "1e22", "1e23", "123456789e-22",
            "0.1", "2.5", "23019.7", "-0", "0.000000000000000000000001", "4.35", "1.7976931348623157e308"}) {
            assertEquals(Double.doubleToRawLongBits(Double.parseDouble(token)),
                    Double.doubleToRawLongBits(SpiceNumber.parse(token)), token);
        }
    }

    @org.junit.jupiter.api.Test
    void aRangeOfALineReadsAsTheSameTokenAlone() {
        // element lines are read in place (no substring per number): every value, NaN or not, must be
        // bit for bit what the token alone gives, whatever stands before and after it on the line
        java.util.Random random = new java.util.Random(18);
        String alphabet = "0123456789.eE+-kKmMgGuUnNpPfFtTilx ";
        for (int t = 0; t < 200_000; t++) {
            StringBuilder s = new StringBuilder();
            int len = random.nextInt(10);
            for (int i = 0; i < len; i++) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String token = s.toString();
            String before = random.nextBoolean() ? "R1 a b " : "9";
            String after = random.nextBoolean() ? " 5" : "1e";
            String line = before + token + after;
            assertEquals(Double.doubleToRawLongBits(SpiceNumber.parse(token)), Double.doubleToRawLongBits(SpiceNumber
                    .parse(line, before.length(), before.length() + token.length())), '"' + token + '"');
        }
    }
}
