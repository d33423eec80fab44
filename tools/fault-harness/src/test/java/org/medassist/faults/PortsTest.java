package org.medassist.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PortsTest {
    @Test
    void aRangeHandsOutEachFreePortOnce() {
        Ports ports = Ports.parse("19990-19999");
        int a = ports.free();
        int b = ports.free();
        assertNotEquals(a, b);
        assertTrue(a >= 19990 && a <= 19999 && b >= 19990 && b <= 19999, a + ", " + b);
    }

    @Test
    void anyIsWhatTheSystemPicks() {
        assertTrue(Ports.parse("any").any());
        assertTrue(Ports.parse(null).any());
        assertTrue(Ports.ANY.free() > 0);
    }

    @Test
    void aRangeMustMakeSense() {
        assertEquals("19000-19999", Ports.parse(" 19000 - 19999 ").toString());
        assertThrows(IllegalArgumentException.class, () -> Ports.parse("19999-19000"));
        assertThrows(IllegalArgumentException.class, () -> Ports.parse("80-90"));
        assertThrows(IllegalArgumentException.class, () -> Ports.parse("high"));
    }
}
