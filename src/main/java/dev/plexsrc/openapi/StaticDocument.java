package dev.plexsrc.openapi;

import java.io.InputStream;

import org.eclipse.microprofile.openapi.models.OpenAPI;

import io.smallrye.openapi.api.SmallRyeOpenAPI;

/**
 * Reads an OpenAPI document from the class path into SmallRye's model, as Quarkus reads its own
 * built document at start-up: only the static file, so no annotation scanner is reachable in the
 * native image.
 */
final class StaticDocument extends SmallRyeOpenAPI.Builder {

    private StaticDocument() {
    }

    /** The document in {@code resource}; a missing one stops the start, as it is part of the build. */
    static OpenAPI read(String resource) {
        InputStream document = StaticDocument.class.getClassLoader().getResourceAsStream(resource);
        if (document == null) {
            throw new IllegalStateException("The OpenAPI document " + resource + " is missing from the build");
        }
        return new StaticDocument()
                .enableModelReader(false)
                .enableStandardStaticFiles(false)
                .enableAnnotationScan(false)
                .enableStandardFilter(false)
                .withCustomStaticFile(() -> document)
                .build()
                .model();
    }

    @Override
    protected <V, A extends V, O extends V, AB, OB> SmallRyeOpenAPI build(boolean unmodifiable) {
        BuildContext<V, A, O, AB, OB> context = getContext();
        buildPrepare(context);
        buildStaticModel(context);
        return buildFinalize(context, unmodifiable);
    }
}
