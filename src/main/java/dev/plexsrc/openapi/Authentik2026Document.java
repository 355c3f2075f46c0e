package dev.plexsrc.openapi;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;

import dev.plexsrc.contract.AuthentikVersion;
import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * In 2026.8 mode, swaps the built document, once at start-up, for authentik 2026.8's
 * ({@code openapi/authentik-2026.8.json}) with 2026.8 mode's deliberate differences; in 2024.8
 * mode it leaves the built document as it is. Quarkus then serves whichever it holds at
 * /q/openapi, in both formats, as it serves any document.
 */
@Singleton
@OpenApiFilter(stages = OpenApiFilter.RunStage.RUNTIME_STARTUP)
public class Authentik2026Document implements OASFilter {

    /** Listed in quarkus.native.resources.includes, so that the native image carries it. */
    static final String RESOURCE = "openapi/authentik-2026.8.json";

    private final AuthentikVersion version;

    public Authentik2026Document(@ConfigProperty(name = "plexsrc.authentik-api-version") AuthentikVersion version) {
        this.version = version;
    }

    @Override
    public void filterOpenAPI(OpenAPI document) {
        if (version != AuthentikVersion.V2026_8) {
            return;
        }
        OpenAPI authentik = StaticDocument.read(RESOURCE);
        document.setOpenapi(authentik.getOpenapi());
        document.setJsonSchemaDialect(authentik.getJsonSchemaDialect());
        document.setInfo(authentik.getInfo());
        document.setExternalDocs(authentik.getExternalDocs());
        document.setServers(authentik.getServers());
        document.setSecurity(authentik.getSecurity());
        document.setTags(authentik.getTags());
        document.setPaths(authentik.getPaths());
        document.setWebhooks(authentik.getWebhooks());
        document.setComponents(authentik.getComponents());
        document.setExtensions(authentik.getExtensions());
        DeliberateDifferences.apply(AuthentikVersion.V2026_8, document);
    }
}
