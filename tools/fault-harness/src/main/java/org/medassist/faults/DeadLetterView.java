package org.medassist.faults;

/**
 * A record of {@code dead-letters}, with where its source record came from.
 *
 * @param line     the event-file line the harness published as the source record, or null when the source record is
 *                 not one the harness wrote (a timeline eligibility-service derived, a record of an internal topic)
 * @param content  what the source record holds, as far as it can be read ({@code claim H01/C-1 of P-1}), or null
 */
record DeadLetterView(String service, String sourceTopic, int partition, long offset, String reason, Integer line,
                      String content) {

    String describe() {
        return service + " " + sourceTopic + "[" + partition + "]@" + offset + (line == null ? "" : " (line " + line + ")")
                + (content == null ? "" : " " + content);
    }
}
