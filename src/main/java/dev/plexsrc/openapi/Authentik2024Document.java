package dev.plexsrc.openapi;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;

import dev.plexsrc.contract.AuthentikVersion;
import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * The document built into the application: authentik 2024.8's ({@code META-INF/openapi.json})
 * with 2024.8 mode's deliberate differences, added once at build time. It is served as built
 * unless the deployment serves 2026.8 (Authentik2026Document).
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class Authentik2024Document implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI document) {
        DeliberateDifferences.apply(AuthentikVersion.V2024_8, document);
    }
}
