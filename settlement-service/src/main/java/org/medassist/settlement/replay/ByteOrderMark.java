package org.medassist.settlement.replay;

import java.io.BufferedReader;
import java.io.IOException;

/**
 * An event file written by a Windows tool may start with a UTF-8 byte order mark. It is not part of the first line's
 * JSON (RFC 8259 lets a reader ignore it), so the readers of event files skip it, where the codec would refuse line 1.
 */
public final class ByteOrderMark {
    private ByteOrderMark() {}

    /** {@code reader}, past a leading U+FEFF if there is one. */
    public static BufferedReader skip(BufferedReader reader) throws IOException {
        reader.mark(1);
        if (reader.read() != '\uFEFF') reader.reset();
        return reader;
    }
}
