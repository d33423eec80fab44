package org.medassist.dashboard.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.medassist.events.Alert;

/** The feed's position (the SSE event id) and the book's subscriptions, without Kafka. */
class CursorTest {

    /** An id naming a partition the topic does not have is another feed's or made up: refused, not replayed from 0. */
    @Test
    void aPositionOfAnotherFeedIsNamedAsSuch() {
        AlertBook book = new AlertBook();
        org.junit.jupiter.api.Assertions.assertNull(book.foreign(Cursor.parse("9:1")), "partitions not known yet: no judgement");
        book.partitions(List.of(0, 1, 2));
        org.junit.jupiter.api.Assertions.assertNull(book.foreign(Cursor.parse("0:4,2:-1")));
        assertEquals("partition 9 is not one of the alerts topic's (0 to 2)", book.foreign(Cursor.parse("0:4,9:1")));
    }

    @Test
    void anEventIdReadsBackAndMovesPerPartition() {
        Cursor c = Cursor.parse("0:41,1:-1,2:17");
        assertEquals("0:41,1:-1,2:17", c.toString());
        assertTrue(c.before(1, 0));
        assertFalse(c.before(0, 41));
        assertTrue(c.before(0, 42));
        assertEquals("0:41,1:5,2:17", c.after(1, 5).toString());
        assertEquals("0:41,1:-1,2:17", c.after(0, 3).toString(), "never backwards");
        assertEquals("0:41,1:-1,2:17,3:-1", c.covering(List.of(3)).toString());
        for (String bad : List.of("", "x", "0:1,0:2", "0:-2", "a:1", "0:1;1:2", "-1:4")) {
            assertThrows(IllegalArgumentException.class, () -> Cursor.parse(bad), bad);
        }
    }

    @Test
    void aSubscriptionGetsWhatCameAfterItsPositionOnceFilteredOrNot() {
        AlertBook book = new AlertBook();
        book.partitions(List.of(0, 1));
        book.add(0, 0, alert("A", "nanjing"));
        book.add(1, 0, alert("B", "jiujiang"));
        List<String> got = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        AlertBook.Subscription s = book.subscribe(Cursor.parse("0:0,1:-1"), a -> a.getRegion().equals("jiujiang"),
                start -> ids.add("ready " + start), (stored, after) -> {
                    got.add(stored.alert().getPersonId());
                    ids.add(after.toString());
                });
        book.add(0, 1, alert("C", "nanjing")); // filtered out, but the position moves past it
        book.add(1, 1, alert("D", "jiujiang"));
        book.add(1, 1, alert("D", "jiujiang")); // read again (a reader restarted): not sent twice
        assertEquals(List.of("B", "D"), got);
        assertEquals(List.of("ready 0:0,1:-1", "0:0,1:0", "0:1,1:1"), ids);
        assertEquals(1, book.subscriptions());
        s.close();
        assertEquals(0, book.subscriptions());
        assertEquals(Map.of(0, 1L, 1, 1L), book.position().offsets());
    }

    private static Alert alert(String person, String region) {
        return Alert.newBuilder().setAlertId(person + "/2023/r").setPersonId(person).setRegion(region).setYear(2023)
                .setMonth("2023-05").setRule("r").setMeasure("S").setValue(1).setThreshold(1).setRecipients(List.of("civil_affairs"))
                .setClaimId(null).setHospitalId(null).build();
    }
}
