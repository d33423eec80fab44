package org.medassist.schemas.http;

/**
 * Where each input event type is posted over HTTP (as a JSON array of events in the contract's form, docs/contract.md),
 * and which service takes it. The one place clients name the services' ingestion paths: bin/run's publisher, bin/faults
 * in its HTTP mode and bin/bench-e2e.
 */
public enum Endpoint {
    IDENTITY_EVENTS(Service.ELIGIBILITY, "/v1/identity-events", "identity"),
    CLAIMS(Service.SETTLEMENT, "/v1/claims", "claim"),
    CLAIM_REVERSALS(Service.SETTLEMENT, "/v1/claim-reversals", "claim_reversal"),
    APPLICATIONS(Service.SETTLEMENT, "/v1/applications", "application"),
    YEAR_CLOSES(Service.SETTLEMENT, "/v1/year-closes", "year_close"),
    PARAMETERS(Service.SETTLEMENT, "/v1/parameters", "parameter");

    public enum Service { ELIGIBILITY, SETTLEMENT }

    private final Service service;
    private final String path;
    private final String eventType;

    Endpoint(Service service, String path, String eventType) {
        this.service = service;
        this.path = path;
        this.eventType = eventType;
    }

    public Service service() {
        return service;
    }

    public String path() {
        return path;
    }

    /** The JSON {@code "type"} of the events this endpoint takes. */
    public String eventType() {
        return eventType;
    }

    public static Endpoint forType(String eventType) {
        for (Endpoint e : values()) {
            if (e.eventType.equals(eventType)) return e;
        }
        throw new IllegalArgumentException("no endpoint takes events of type " + eventType);
    }
}
