package org.medassist.kit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.RequestAttribute;
import java.util.Map;
import org.medassist.kit.auth.ApiPrincipal;

/** A test endpoint: who the filter says the caller is. */
@Controller
public class WhoAmIController {
    @Get("/v1/whoami")
    public Map<String, String> whoami(@Nullable @RequestAttribute(ApiPrincipal.ATTRIBUTE) ApiPrincipal principal) {
        return Map.of("kind", principal.kind().configName(), "name", principal.name(), "label", principal.label(),
                "regions", principal.regionsText());
    }

    @Get("/open")
    public Map<String, String> open() {
        return Map.of("open", "yes");
    }
}
