package org.medassist.eligibility;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.medassist.eligibility.http.IdentityEventsController;
import org.medassist.kit.auth.TokenAuthenticator;
import org.medassist.kit.streams.StreamsTopology;

/**
 * medassist.eligibility.enabled=false leaves only the kit: for launchers with several services on one class path.
 * (The beans being there by default is what every other test of this module relies on.)
 */
class DisabledServiceTest {
    @Test
    void switchesTheServiceBeansOff() {
        try (ApplicationContext off = ApplicationContext.run(Map.of("medassist.eligibility.enabled", false,
                "medassist.kafka.ensure-topics", false, "medassist.log.person-id-key", RunningService.KEY))) {
            assertFalse(off.containsBean(IdentityEventsController.class));
            assertFalse(off.containsBean(StreamsTopology.class));
            assertTrue(off.containsBean(TokenAuthenticator.class));
        }
    }
}
