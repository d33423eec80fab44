package org.medassist.schemas;

import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;
import org.medassist.events.Alert;
import org.medassist.events.Application;
import org.medassist.events.Claim;
import org.medassist.events.ClaimReversal;
import org.medassist.events.IdentityEvent;
import org.medassist.events.Parameter;
import org.medassist.events.Settlement;
import org.medassist.events.YearClose;

/**
 * The generated event classes ({@code org.medassist.events}) and the one setting Avro needs to use them.
 *
 * <p>Since 1.12, Avro loads a class named by a schema only when a {@link ClassSecurityValidator} trusts it, and by
 * default it trusts none but a few {@code java.lang} types: every {@code SpecificDatumReader} of a generated record
 * (and so every Kafka deserializer of these events) fails with {@code SecurityException: Forbidden
 * org.medassist.events.Claim!}. {@link #trust()} adds this package, and nothing else, to the global validator.
 */
public final class EventClasses {
    private EventClasses() {}

    /** The package of the generated event classes. */
    public static final String PACKAGE = "org.medassist.events";

    private static final ClassSecurityPredicate EVENT_PACKAGE =
            c -> c.getName().startsWith(PACKAGE + ".") && c.getName().indexOf('.', PACKAGE.length() + 1) < 0;

    private static ClassSecurityPredicate installed;

    /** Every event schema of the contract (docs/contract.md), in its order: the inputs, then the outputs. */
    public static List<Schema> schemas() {
        return List.of(
                IdentityEvent.getClassSchema(),
                Claim.getClassSchema(),
                ClaimReversal.getClassSchema(),
                Application.getClassSchema(),
                Parameter.getClassSchema(),
                YearClose.getClassSchema(),
                Settlement.getClassSchema(),
                Alert.getClassSchema());
    }

    /**
     * Lets Avro load the generated event classes by name, keeping whatever the global validator already trusts.
     * Idempotent; call it before any Avro reading of specific records (the JSON codec and the serdes call it).
     */
    public static synchronized void trust() {
        ClassSecurityPredicate current = ClassSecurityValidator.getGlobal();
        if (current == installed) return;
        installed = ClassSecurityValidator.composite(current, EVENT_PACKAGE);
        ClassSecurityValidator.setGlobal(installed);
    }
}
