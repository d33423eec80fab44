package org.medassist.registry;

import io.apicurio.registry.storage.ArtifactNotFoundException;
import io.apicurio.registry.storage.RegistryStorage;
import io.apicurio.registry.storage.RuleNotFoundException;
import io.apicurio.registry.types.Current;
import io.apicurio.registry.types.RuleType;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.inject.Inject;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Makes the Confluent API's compatibility configuration read as a Confluent Schema Registry's does
 * (docs/schema-registry.md, "Compatibility"):
 *
 * <ul>
 *   <li>{@code GET /apis/ccompat/v7/config}: Apicurio 2.4 reports {@code NONE} unless a global rule was stored through
 *       the API, although the default global rule of this build's configuration
 *       ({@code registry.rules.global.compatibility=BACKWARD}) is enforced. Without a stored rule this answers that
 *       default, which is the level every registration is checked against.</li>
 *   <li>{@code GET /apis/ccompat/v7/config/{subject}}: Apicurio 2.4 reports {@code NONE} for a subject without a rule of
 *       its own. Confluent answers 404 with error code 40408 (or the global level with {@code defaultToGlobal=true}),
 *       and Confluent clients rely on it: {@code @kafkajs/confluent-schema-registry} refuses to register under a
 *       subject whose level differs from the one it asks for (BACKWARD by default).</li>
 * </ul>
 * A level set through the API (global or per subject) is answered as stored.
 */
@Provider
public class ConfluentCompatibilityConfig implements ContainerResponseFilter {
    private static final Pattern SUBJECT_CONFIG = Pattern.compile("^/?apis/ccompat/v[67]/config/([^/]+)/?$");
    private static final Pattern GLOBAL_CONFIG = Pattern.compile("^/?apis/ccompat/v[67]/config/?$");

    @Inject
    @Current
    RegistryStorage storage;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!"GET".equals(request.getMethod()) || response.getStatus() != 200) return;
        // read per request, not injected: a provider may be built before runtime configuration is known
        Optional<String> defaultCompatibility = ConfigProvider.getConfig()
                .getOptionalValue("registry.rules.global.compatibility", String.class);
        String path = request.getUriInfo().getPath();
        if (GLOBAL_CONFIG.matcher(path).matches()) {
            if (defaultCompatibility.isPresent() && !stored(null)) {
                answer(response, 200, Map.of("compatibilityLevel", defaultCompatibility.get().toUpperCase()));
            }
            return;
        }
        Matcher m = SUBJECT_CONFIG.matcher(path);
        if (!m.matches()) return;
        String subject = request.getUriInfo().getPathParameters().getFirst("subject");
        if (subject == null) subject = m.group(1);
        if (stored(subject)) return;
        boolean defaultToGlobal = "true".equalsIgnoreCase(request.getUriInfo().getQueryParameters().getFirst("defaultToGlobal"));
        if (defaultToGlobal) {
            String global = stored(null) ? storage.getGlobalRule(RuleType.COMPATIBILITY).getConfiguration()
                    : defaultCompatibility.orElse("NONE");
            answer(response, 200, Map.of("compatibilityLevel", global.toUpperCase()));
        } else {
            answer(response, 404, Map.of("error_code", 40408, "message",
                    "Subject '" + subject + "' does not have subject-level compatibility configured"));
        }
    }

    /** Whether a compatibility rule is stored: the global one ({@code subject} null) or the subject's own. */
    private boolean stored(String subject) {
        try {
            if (subject == null) storage.getGlobalRule(RuleType.COMPATIBILITY);
            else storage.getArtifactRule(null, subject, RuleType.COMPATIBILITY);
            return true;
        } catch (RuleNotFoundException | ArtifactNotFoundException e) {
            return false;
        }
    }

    private static void answer(ContainerResponseContext response, int status, Map<String, Object> body) {
        response.setStatus(status);
        response.setEntity(body, null, MediaType.valueOf("application/vnd.schemaregistry.v1+json"));
    }
}
