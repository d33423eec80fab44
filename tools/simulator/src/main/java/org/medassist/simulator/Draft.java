package org.medassist.simulator;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Comparator;
import org.apache.avro.specific.SpecificRecord;
import org.medassist.schemas.json.EventJson;

/**
 * An event before its position in the stream is known, already written as JSON in UTF-8 (generation runs on
 * several threads; the order is fixed afterwards). It keeps no Avro record: a cohort-year in memory is its lines.
 *
 * @param rank   the kind of sender on a day: parameters, certifications, hospital events, applications, year close
 * @param city   the city's place in the stream ({@link City#order()})
 * @param person the person's number in the city (-1 for region-wide events)
 * @param step   the person's own order of events
 * @param slot   day, rank and city packed into one number, for {@link #ORDER}
 * @param senderHash the hash of the sender's name, for {@link #ORDER}
 */
record Draft(LocalDate date, int rank, int city, int person, int step, Principal principal, String type, String id,
             byte[] utf8, Breach breach, long slot, int senderHash) {

    Draft(LocalDate date, int rank, int city, int person, int step, Principal principal, String type, String id,
          String json, Breach breach) {
        this(date, rank, city, person, step, principal, type, id, json.getBytes(StandardCharsets.UTF_8), breach,
                date.toEpochDay() << 24 | (long) rank << 16 | city, principal.name().hashCode());
    }

    /** The event as one line of JSON. */
    String json() {
        return new String(utf8, StandardCharsets.UTF_8);
    }

    static final int RANK_PARAMETER = 0;
    static final int RANK_IDENTITY = 1;
    static final int RANK_HOSPITAL = 2;
    static final int RANK_APPLICATION = 3;
    static final int RANK_YEAR_CLOSE = 9;

    /** A valid event, written with the contract's codec. */
    static Draft of(LocalDate date, int rank, int city, int person, int step, Principal principal, SpecificRecord record) {
        return new Draft(date, rank, city, person, step, principal, EventJson.typeOf(record), idOf(record),
                EventJson.write(record), null);
    }

    /** The event's own id: its first field, when that field's name ends in {@code Id} (as in the contract). */
    static String idOf(SpecificRecord record) {
        String first = record.getSchema().getFields().get(0).name();
        return first.endsWith("Id") ? record.get(0).toString() : null;
    }

    StreamEvent toEvent(long seq) {
        boolean regionWide = rank == RANK_PARAMETER || rank == RANK_YEAR_CLOSE;
        return new StreamEvent(seq, date, principal, type, id, utf8, breach,
                regionWide ? StreamEvent.NO_PERSON : (long) city << 32 | person);
    }

    /**
     * Day, then kind of sender, then city (together {@link #slot}), then sender (so that a day's events from one
     * hospital or department travel together; by the hash of its name first, which is cheaper than the name), then
     * person and the person's own order.
     */
    static final Comparator<Draft> ORDER = (a, b) -> {
        int c = Long.compare(a.slot, b.slot);
        if (c != 0) return c;
        c = Integer.compare(a.senderHash, b.senderHash);
        if (c != 0) return c;
        c = a.principal.name().compareTo(b.principal.name());
        if (c != 0) return c;
        c = Integer.compare(a.person, b.person);
        return c != 0 ? c : Integer.compare(a.step, b.step);
    };
}
