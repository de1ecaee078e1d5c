package org.memspice.dse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memspice.dse.net.Architectures;
import org.memspice.dse.net.NetworkFiles;
import org.memspice.dse.net.PlainNetwork;
import org.memspice.memprop.data.Dataset;
import org.memspice.memprop.net.Shape;

/** The plain network format: written and read back exactly; bad files named with their line. */
class NetworkFilesTest {
    @TempDir
    Path dir;

    @Test
    void everyReferenceArchitectureRoundTripsExactly() throws IOException {
        Dataset d = Synthetic.bars(6, 12, 0.2, 2);
        for (PlainNetwork net : List.of(Architectures.mlp(new Shape(1, 12, 12), new int[] {144, 20, 4}),
                Architectures.cnn(new Shape(1, 12, 12), 4), Architectures.depthwise(new Shape(1, 12, 12), 4))) {
            Architectures.initialize(net, 5);
            Path out = dir.resolve(net.describe().replace(' ', '_'));
            NetworkFiles.write(out, net, List.of("test"));
            PlainNetwork back = NetworkFiles.read(out);
            assertEquals(net.describe(), back.describe());
            for (int k = 0; k < 6; k++) {
                assertArrayEquals(Synthetic.software(net, d, k), Synthetic.software(back, d, k), 0, net.describe());
            }
        }
    }

    @Test
    void npyWeightsAreRead() throws IOException {
        Files.writeString(dir.resolve("network.txt"), "memspice-network 1\ninput 1 1 3\ndense 2 weights=w.npy bias=b.csv\n");
        Files.write(dir.resolve("w.npy"), npy(new float[] {1, 2, 3, 4, 5, 6}, "(2, 3)"));
        Files.writeString(dir.resolve("b.csv"), "0.5, -0.5\n");
        PlainNetwork net = NetworkFiles.read(dir);
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, net.weighted().get(0).weights(), 0);
    }

    private static byte[] npy(float[] values, String shape) {
        String header = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }";
        while ((10 + header.length() + 1) % 64 != 0) {
            header += " ";
        }
        header += "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + 4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) header.length()).put(header.getBytes(StandardCharsets.US_ASCII));
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    private String error(String text) throws IOException {
        Files.writeString(dir.resolve("network.txt"), text);
        Files.writeString(dir.resolve("w.csv"), "1,2,3\n4,5,6\n");
        Files.writeString(dir.resolve("b.csv"), "0,0\n");
        Files.writeString(dir.resolve("w2.csv"), "1,2,3\n");
        Files.writeString(dir.resolve("b1.csv"), "0\n");
        return assertThrows(DseInputException.class, () -> NetworkFiles.read(dir)).getMessage();
    }

    @Test
    void badFilesNameTheirLine() throws IOException {
        String head = "memspice-network 1\ninput 1 1 3\n";
        assertTrue(error(head + "dense 2 weights=w.csv bias=b.csv\ndense 1 weights=w2.csv bias=b1.csv\n")
                .matches("(?s).*network.txt:4: dense on an input of 2x1x1 .*w2.csv:1: 3 numbers on the line where each row holds 2.*"),
                "shapes that do not chain");
        assertTrue(error(head + "dense 2 weights=w.csv bias=b.csv\nconv 2 kernel=3 weights=w.csv bias=b.csv\n")
                .contains("network.txt:4"));
        assertTrue(error(head + "pool 2\n").contains("network.txt:3: unknown layer 'pool'"));
        assertTrue(error("input 1 1 3\n").contains("network.txt:1: expected 'memspice-network 1'"));
        Files.writeString(dir.resolve("w.csv"), "1,2,x\n4,5,6\n");
        Files.writeString(dir.resolve("network.txt"), head + "dense 2 weights=w.csv bias=b.csv\n");
        assertTrue(assertThrows(DseInputException.class, () -> NetworkFiles.read(dir)).getMessage().contains("w.csv:1:5: 'x'"));
    }
}
