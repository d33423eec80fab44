package org.medassist.kit.log;

import org.medassist.schemas.PersonIdHash;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link PersonIdHash} bean, keyed by {@code medassist.log.person-id-key}. */
@Factory
public class PersonIdHashFactory {
    public static final String KEY_PROPERTY = "medassist.log.person-id-key";
    private static final Logger LOG = LoggerFactory.getLogger(PersonIdHashFactory.class);

    @Singleton
    PersonIdHash personIdHash(@Nullable @Value("${" + KEY_PROPERTY + ":}") String key) {
        if (key == null || key.isBlank()) {
            LOG.warn("{} is not set: personIds in the logs are hashed with a random key drawn for this process, so "
                    + "the hashes cannot be compared across instances or restarts", KEY_PROPERTY);
            return PersonIdHash.randomKey();
        }
        return PersonIdHash.withKey(key);
    }
}
