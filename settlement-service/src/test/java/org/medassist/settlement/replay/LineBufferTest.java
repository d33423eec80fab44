package org.medassist.settlement.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The replay's line buffer gives the lines {@code BufferedReader.readLine} gives, and judges blank lines as {@code isBlank}. */
class LineBufferTest {
    @Test
    void linesAreBufferedReadersLinesWhateverTheBreaksAndBlockSizes() throws IOException {
        for (String text : List.of("", "a", "a\n", "a\r", "a\r\n", "\n", "\r\n", "\r\r\n\n", "a\n\nb", "a\rb\r\nc\n\rd",
                "\n\n\n", " \t\n\u2028\n\u00a0\n\u001c", "x\r")) {
            assertSame(text, 16, false);
            assertSame(text, 16, true);
        }
        char[] pool = {'a', 'b', '{', '"', ' ', '\t', '\n', '\n', '\r', '\r', '\u2028', '\u00a0', '\u4e2d', '\ud83d', '\ude00', '\u000b'};
        Random rnd = new Random(5);
        for (int i = 0; i < 3000; i++) {
            char[] t = new char[rnd.nextInt(i < 2000 ? 60 : 2000)];
            for (int k = 0; k < t.length; k++) t[k] = pool[rnd.nextInt(pool.length)];
            if (rnd.nextInt(4) == 0) Arrays.fill(t, 0, t.length / 2, 'x'); // lines longer than the buffer
            assertSame(new String(t), 16 + rnd.nextInt(64), rnd.nextBoolean());
        }
    }

    private static void assertSame(String text, int size, boolean trickle) throws IOException {
        List<String> expected = new ArrayList<>();
        List<Boolean> expectedBlank = new ArrayList<>();
        BufferedReader r = new BufferedReader(new StringReader(text));
        for (String line; (line = r.readLine()) != null; ) {
            expected.add(line);
            expectedBlank.add(line.isBlank());
        }
        List<String> actual = new ArrayList<>();
        List<Boolean> actualBlank = new ArrayList<>();
        LineBuffer lines = new LineBuffer(trickle ? new Trickle(text) : new StringReader(text), size);
        while (lines.next()) {
            actual.add(lines.line());
            actualBlank.add(lines.blank());
            assertEquals(lines.line(), new String(lines.chars(), lines.start(), lines.end() - lines.start()));
        }
        assertEquals(expected, actual, () -> "lines of " + text.replace("\r", "\\r").replace("\n", "\\n"));
        assertEquals(expectedBlank, actualBlank);
    }

    /** A reader that gives one to three characters a call, so that line breaks (a \r\n too) fall across reads. */
    private static final class Trickle extends Reader {
        private final String text;
        private int at;
        private final Random rnd = new Random(1);

        Trickle(String text) { this.text = text; }

        @Override
        public int read(char[] cbuf, int off, int len) {
            if (at == text.length()) return -1;
            int n = Math.min(Math.min(len, 1 + rnd.nextInt(3)), text.length() - at);
            text.getChars(at, at + n, cbuf, off);
            at += n;
            return n;
        }

        @Override
        public void close() {}
    }
}
