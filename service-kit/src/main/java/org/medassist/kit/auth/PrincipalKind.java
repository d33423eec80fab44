package org.medassist.kit.auth;

import java.util.Arrays;
import java.util.Locale;

/**
 * Who holds a token. Configured in lower case: {@code department}, {@code hospital}, {@code agency}, {@code admin},
 * {@code reader}. What each may do is in docs/security.md.
 */
public enum PrincipalKind {
    /** A certifying department; the name is a {@code Department} symbol such as {@code civil_affairs}. */
    DEPARTMENT,
    /** A hospital; the name is its {@code hospitalId}. */
    HOSPITAL,
    /** A medical-assistance agency (applications, year closes); the name is the agency's id. */
    AGENCY,
    /** A policy administrator: yearly parameters. */
    ADMIN,
    /** Reads only: a dashboard, a monitoring office (persons, claims and alerts of its regions). */
    READER;

    public String configName() { return name().toLowerCase(Locale.ROOT); }

    public static PrincipalKind parse(String s) {
        if (s != null) {
            for (PrincipalKind k : values()) if (k.configName().equalsIgnoreCase(s.trim())) return k;
        }
        throw new IllegalArgumentException("principal kind must be one of "
                + String.join(", ", Arrays.stream(values()).map(PrincipalKind::configName).toList()) + ", not " + s);
    }
}
