package org.medassist.launcher.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medassist.engine.policy.load.PolicyLoader;
import org.medassist.simulator.SimulationConfig;
import org.medassist.simulator.SyntheticStream;

class CursorTest {

    @TempDir
    Path dir;

    @Test
    void aSavedCursorResumesWhereItStopped() {
        Path file = dir.resolve("stream/cursor.properties");
        String fp = stream(42).fingerprint();
        Cursor c = Cursor.load(file, fp);
        assertEquals(0, c.position());
        c.handled(14, Map.of("identity", 3L, "claim", 10L), 1);
        c.handled(6, Map.of("claim", 5L), 1);
        c.save();
        assertFalse(Files.exists(file.resolveSibling("cursor.properties.tmp")));

        Cursor again = Cursor.load(file, fp);
        assertEquals(20, again.position());
        assertEquals(18, again.sent());
        assertEquals(2, again.refused());
        assertEquals(Map.of("identity", 3L, "claim", 15L), again.sentByType());
    }

    @Test
    void eachStreamKeepsItsOwnPosition() {
        Path file = dir.resolve("cursor.properties");
        String a = stream(42).fingerprint();
        String b = stream(7).fingerprint();
        Cursor ca = Cursor.load(file, a);
        ca.handled(100, Map.of("claim", 100L), 0);
        ca.save();

        Cursor cb = Cursor.load(file, b);
        assertEquals(0, cb.position());
        assertEquals(Map.of(a, 100L), cb.otherStreams());
        cb.handled(7, Map.of("claim", 7L), 0);
        cb.save();

        assertEquals(100, Cursor.load(file, a).position());
        assertEquals(7, Cursor.load(file, b).position());
        assertTrue(Cursor.load(file, a).otherStreams().containsKey(b));
    }

    /** A cursor saved before windows (its position then was accepted + refused) resumes at the same place. */
    @Test
    void aCursorWrittenBeforeWindowsResumesWhereItStopped() throws Exception {
        Path file = dir.resolve("cursor.properties");
        String fp = stream(42).fingerprint();
        Files.writeString(file, fp.replace("=", "\\=").replace(":", "\\:") + ".accepted=40\n"
                + fp.replace("=", "\\=").replace(":", "\\:") + ".refused=2\n");
        Cursor c = Cursor.load(file, fp);
        assertEquals(40, c.sent());
        assertEquals(42, c.position());
    }

    private static SyntheticStream stream(long seed) {
        return new SyntheticStream(PolicyLoader.bundled(), SimulationConfig.of(seed, 500, 1).withInvalidShare(0));
    }

    @Test
    void theFingerprintNamesEverythingThatShapesTheStream() {
        assertEquals("v" + SyntheticStream.VERSION + "/seed=42/people=500/years=1/start=2023"
                + "/cities=fangchenggang,jiangyin,jiujiang,jiyuan,nanjing/invalid=0.0", stream(42).fingerprint());
    }
}
