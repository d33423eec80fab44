package org.medassist.launcher.stream;

import java.time.LocalDate;
import org.apache.avro.specific.SpecificRecord;
import org.medassist.schemas.json.EventJson;

/**
 * One event of the synthetic stream.
 *
 * @param seq       its position in the stream, from 0: the publisher's cursor counts these
 * @param simDate   the simulated day it is sent on (a department's certification day, a discharge, ...)
 * @param principal who sends it
 * @param record    the event itself
 */
public record StreamEvent(long seq, LocalDate simDate, Principal principal, SpecificRecord record) {

    /** The contract's JSON {@code "type"}, e.g. {@code "claim"}. */
    public String type() {
        return EventJson.typeOf(record);
    }

    public Endpoint endpoint() {
        return Endpoint.forType(type());
    }

    /** The event in the contract's JSON form, one line. */
    public String json() {
        return EventJson.write(record);
    }
}
