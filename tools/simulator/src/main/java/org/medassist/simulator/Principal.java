package org.medassist.simulator;

import java.util.Objects;
import org.medassist.events.Department;

/**
 * Who sends an event, and so whose bearer token goes with it: a department (identity events), a hospital (claims
 * and reversals), the assistance agency (applications and year closes) or a policy administrator (parameters).
 */
public record Principal(Kind kind, String name) {

    public enum Kind { DEPARTMENT, HOSPITAL, AGENCY, ADMIN }

    public static final Principal ADMIN = new Principal(Kind.ADMIN, "admin");

    public Principal {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(name);
    }

    public static Principal department(Department d) {
        return new Principal(Kind.DEPARTMENT, d.name());
    }

    /** A city's medical-assistance agency; its name is the region id. */
    public static Principal agency(String region) {
        return new Principal(Kind.AGENCY, region);
    }

    public static Principal hospital(String hospitalId) {
        return new Principal(Kind.HOSPITAL, hospitalId);
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase() + ":" + name;
    }
}
