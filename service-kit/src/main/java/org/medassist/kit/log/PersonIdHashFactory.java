package org.medassist.kit.log;

import org.medassist.schemas.PersonIdHash;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import io.micronaut.core.annotation.Nullable;
import org.medassist.kit.auth.TokenAuthenticator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link PersonIdHash} bean, keyed by {@code medassist.log.person-id-key}: at least {@value #MIN_KEY_LENGTH}
 * characters. Outside the {@code dev} environment the key is required (the start fails without it); in {@code dev}
 * a missing key is drawn at random for the process, with a warning. docs/security.md, "Data protection".
 */
@Factory
public class PersonIdHashFactory {
    public static final String KEY_PROPERTY = "medassist.log.person-id-key";
    /** A key shorter than this (characters) is refused: an HMAC-SHA256 key should carry 256 bits. */
    public static final int MIN_KEY_LENGTH = 32;
    private static final Logger LOG = LoggerFactory.getLogger(PersonIdHashFactory.class);

    @Context // built at start-up, so a missing or short key stops the start
    PersonIdHash personIdHash(@Nullable @Value("${" + KEY_PROPERTY + ":}") String key, Environment environment) {
        return of(key, TokenAuthenticator.isDev(environment));
    }

    /** The hash for a configured key (null or blank when unset), refusing a short one, and a missing one outside dev. */
    public static PersonIdHash of(String key, boolean dev) {
        if (key == null || key.isBlank()) {
            if (!dev) {
                throw new IllegalStateException(KEY_PROPERTY + " is not set: set the same secret key of at least "
                        + MIN_KEY_LENGTH + " characters on every instance (MEDASSIST_LOG_PERSON_ID_KEY); only the dev "
                        + "environment draws one at random");
            }
            LOG.warn("{} is not set: personIds in the logs are hashed with a random key drawn for this process, so "
                    + "the hashes cannot be compared across instances or restarts (dev environment)", KEY_PROPERTY);
            return PersonIdHash.randomKey();
        }
        if (key.strip().length() < MIN_KEY_LENGTH) {
            throw new IllegalStateException(KEY_PROPERTY + " is " + key.strip().length() + " characters long; it must have at least "
                    + MIN_KEY_LENGTH + " (e.g. 64 hex digits: openssl rand -hex 32)");
        }
        return PersonIdHash.withKey(key.strip());
    }
}
