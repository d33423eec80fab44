package org.medassist.settlement.http;

import io.micronaut.context.ApplicationContext;
import java.util.Map;
import java.util.Set;
import org.medassist.kafkatest.KafkaTestEnvironment;

/** HttpStreamMatchesReplayTest's way of starting both services, for tests in other packages. */
public final class ServicesForTests {
    private ServicesForTests() {}

    /** A service's configuration against the test broker and registry, tokens {@code token-<department|hospital|agency|admin>}. */
    public static Map<String, Object> common(KafkaTestEnvironment.Environment env, String name, Set<String> hospitals) throws Exception {
        return HttpStreamMatchesReplayTest.common(env, name, hospitals);
    }

    public static String base(ApplicationContext ctx) { return HttpStreamMatchesReplayTest.base(ctx); }

    public static void awaitUp(String base) throws Exception { HttpStreamMatchesReplayTest.awaitUp(base); }
}
