package org.memspice.spice.netlist;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Decodes a netlist file as UTF-8 (a byte-order mark is dropped). A byte sequence that is not
 * UTF-8 is reported at its line and column, with the byte, instead of Java's "Input length = 1".
 */
final class NetlistText {
    private NetlistText() {
    }

    static String decode(Path file, byte[] bytes) {
        int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb
                && (bytes[2] & 0xff) == 0xbf ? 3 : 0;
        // the usual netlist is ASCII: the JDK's decoder then makes a string of as many characters as
        // there are bytes and no replacement character (what it puts for a malformed byte); only
        // otherwise does the strict decoder below run, to find any error
        String fast = new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8);
        if (fast.length() == bytes.length - start && fast.indexOf('\uFFFD') < 0) {
            return fast;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = decoder.decode(in, out, true);
        if (r.isError()) {
            throw invalid(file, bytes, in.position(), r);
        }
        r = decoder.flush(out);
        if (r.isError()) {
            throw invalid(file, bytes, in.position(), r);
        }
        out.flip();
        return out.toString();
    }

    private static NetlistException invalid(Path file, byte[] bytes, int at, CoderResult r) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < at && i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        int column = 1;
        for (int i = lineStart; i < at; i++) {
            // count characters, not bytes: skip UTF-8 continuation bytes
            if ((bytes[i] & 0xc0) != 0x80) {
                column++;
            }
        }
        int b = at < bytes.length ? bytes[at] & 0xff : 0;
        String hint = b == 0xb5 ? " (a Latin-1 micro sign: write u, or save the file as UTF-8)"
                : b >= 0x80 ? " (the file is not UTF-8: save it as UTF-8)" : "";
        String where = (file == null ? "<netlist>" : file.toString()) + ":" + line + ":" + column;
        return new NetlistException(where + ": invalid UTF-8 byte 0x" + String.format("%02X", b) + hint);
    }
}
