package org.medassist.settlement.replay;

import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;

/**
 * The lines of a character stream, each left in place in one reused buffer ({@link #chars()}, {@link #start()},
 * {@link #end()}) instead of a String per line: the same lines as {@link java.io.BufferedReader#readLine()} gives (a
 * line ends at {@code \n}, {@code \r} or {@code \r\n}; the last one needs no terminator; an empty stream has none).
 * The buffer grows to hold the longest line; nothing else is kept.
 */
final class LineBuffer {
    private final Reader in;
    private char[] buf;
    /** The next unread character and the end of what was read. */
    private int pos;
    private int lim;
    private boolean eof;
    /** The last line ended at a {@code \r}: a {@code \n} right after it belongs to that line break. */
    private boolean skipLF;
    private int start;
    private int end;

    LineBuffer(Reader in, int size) {
        this.in = in;
        this.buf = new char[Math.max(size, 16)];
    }

    /** Moves to the next line; false at the end of the stream. */
    boolean next() throws IOException {
        if (skipLF) {
            if (pos == lim && !eof) fill();
            if (pos < lim && buf[pos] == '\n') pos++;
            skipLF = false;
        }
        int scan = pos;
        while (true) {
            char[] b = buf;
            for (int k = scan, n = lim; k < n; k++) {
                char c = b[k];
                if (c == '\n' || c == '\r') {
                    start = pos;
                    end = k;
                    pos = k + 1;
                    if (c == '\r') {
                        if (pos < lim) {
                            if (b[pos] == '\n') pos++;
                        } else {
                            skipLF = true;
                        }
                    }
                    return true;
                }
            }
            if (eof) {
                if (lim == pos) return false;
                start = pos;
                end = lim;
                pos = lim;
                return true;
            }
            scan = lim - pos; // where the search goes on once the unread part is moved to the front
            fill();
        }
    }

    /** Moves the unread part to the front (growing the buffer when it is full of one line) and reads more. */
    private void fill() throws IOException {
        int kept = lim - pos;
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, kept);
        } else if (kept == buf.length) {
            buf = Arrays.copyOf(buf, 2 * buf.length);
        }
        pos = 0;
        lim = kept;
        int n = in.read(buf, lim, buf.length - lim);
        if (n < 0) eof = true;
        else lim += n;
    }

    /** The buffer holding the current line; valid until the next call of {@link #next()}. */
    char[] chars() { return buf; }

    int start() { return start; }

    int end() { return end; }

    /** The current line as a String. */
    String line() { return new String(buf, start, end - start); }

    /** Whether the current line is empty or white space only, as {@link String#isBlank()} decides. */
    boolean blank() {
        for (int k = start; k < end; k++) {
            if (!Character.isWhitespace(buf[k])) return false;
        }
        return true;
    }
}
