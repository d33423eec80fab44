package org.medassist.simulator;

import java.time.LocalDate;
import org.apache.avro.specific.SpecificRecord;

/**
 * One event of the synthetic stream.
 *
 * @param seq       its position in the stream, from 0
 * @param simDate   the simulated day it is sent on (a department's certification day, a discharge, ...)
 * @param principal who sends it
 * @param type      the contract's JSON {@code "type"}, e.g. {@code "claim"}
 * @param id        its own id ({@code claimId}, {@code eventId}, {@code reversalId}, {@code applicationId}), or null
 *                  for parameters and year closes
 * @param json      the event as one line of JSON
 * @param record    the event as its Avro record; null when the line breaks the contract's format
 * @param breach    how the event breaks the contract, or null for a valid event
 */
public record StreamEvent(long seq, LocalDate simDate, Principal principal, String type, String id, String json,
                          SpecificRecord record, Breach breach) {

    /** Whether the event keeps the contract (replay accepts it). */
    public boolean valid() {
        return breach == null;
    }
}
