package dev.plexsrc.openapi;

import java.nio.charset.StandardCharsets;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;

import dev.plexsrc.contract.AuthentikVersion;
import io.smallrye.openapi.api.SmallRyeOpenAPI;
import io.vertx.core.buffer.Buffer;

/**
 * The document served in one mode, in both formats: authentik's own of that version, cut to the
 * operations served, with that mode's deliberate differences.
 */
record ServedDocument(Buffer json, Buffer yaml) {

    /** authentik's documents; listed in quarkus.native.resources.includes, so that a native image carries them. */
    static String resource(AuthentikVersion version) {
        return "openapi/authentik-" + version.label() + ".json";
    }

    /** Reads, changes and writes the document: some hundred milliseconds, for a worker thread. */
    static ServedDocument of(AuthentikVersion version) {
        SmallRyeOpenAPI document = StaticDocument.read(resource(version), new OASFilter() {
            @Override
            public void filterOpenAPI(OpenAPI openApi) {
                DeliberateDifferences.apply(version, openApi);
            }
        });
        return new ServedDocument(utf8(document.toJSON()), utf8(document.toYAML()));
    }

    private static Buffer utf8(String text) {
        return Buffer.buffer(text.getBytes(StandardCharsets.UTF_8));
    }
}
