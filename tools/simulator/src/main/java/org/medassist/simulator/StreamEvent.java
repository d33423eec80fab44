package org.medassist.simulator;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.apache.avro.specific.SpecificRecord;
import org.medassist.schemas.json.EventJson;

/**
 * One event of the synthetic stream.
 *
 * @param seq       its position in the stream, from 0
 * @param simDate   the simulated day it is sent on (a department's certification day, a discharge, ...)
 * @param principal who sends it
 * @param type      the contract's JSON {@code "type"}, e.g. {@code "claim"}
 * @param id        its own id ({@code claimId}, {@code eventId}, {@code reversalId}, {@code applicationId}), or null
 *                  for parameters and year closes
 * @param utf8      the event as one line of JSON (no line break), in UTF-8, as written to a file
 * @param breach    how the event breaks the contract, or null for a valid event
 * @param person    the simulated person it is about (one number per person of the stream, whatever the event's
 *                  {@code personId} says, also for a breach), or {@link #NO_PERSON} for a parameter or a year close
 */
public record StreamEvent(long seq, LocalDate simDate, Principal principal, String type, String id, byte[] utf8,
                          Breach breach, long person) {

    /** {@link #person} of an event about a region and year, not a person. */
    public static final long NO_PERSON = -1;

    /** The event as its Avro record, read from its JSON; null when the line breaks the contract's format. */
    public SpecificRecord record() {
        return breach != null && !breach.wellFormed() ? null : EventJson.read(json());
    }

    /** The event as one line of JSON. */
    public String json() {
        return new String(utf8, StandardCharsets.UTF_8);
    }

    /** Whether the event keeps the contract (replay accepts it). */
    public boolean valid() {
        return breach == null;
    }
}
