package dev.plexsrc.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.spi.OASFactoryResolver;

import io.smallrye.openapi.api.SmallRyeOpenAPI;
import io.smallrye.openapi.spi.OASFactoryResolverImpl;

/**
 * Reads an OpenAPI document from the class path into SmallRye's model, has a filter change it and
 * writes it out, as Quarkus' OpenAPI extension did with a static file: only the file, so no
 * annotation scanner is reachable in the native image.
 */
final class StaticDocument extends SmallRyeOpenAPI.Builder {

    private StaticDocument() {
    }

    /** The document in {@code resource}, changed by {@code changes}; a missing one is a broken build. */
    static SmallRyeOpenAPI read(String resource, OASFilter changes) {
        // OASFactory finds its factory through ServiceLoader, which a native image serves only for
        // the services Quarkus is told of: set directly, it needs neither a service file nor reflection.
        OASFactoryResolver.setInstance(new OASFactoryResolverImpl());
        try (InputStream document = StaticDocument.class.getClassLoader().getResourceAsStream(resource)) {
            if (document == null) {
                throw new IllegalStateException("The OpenAPI document " + resource + " is missing from the build");
            }
            return new StaticDocument()
                    .enableModelReader(false)
                    .enableStandardStaticFiles(false)
                    .enableAnnotationScan(false)
                    .enableStandardFilter(false)
                    .withCustomStaticFile(() -> document)
                    .addFilter(changes)
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected <V, A extends V, O extends V, AB, OB> SmallRyeOpenAPI build(boolean unmodifiable) {
        BuildContext<V, A, O, AB, OB> context = getContext();
        buildPrepare(context);
        buildStaticModel(context);
        // The filters added run here.
        return buildFinalize(context, unmodifiable);
    }
}
