package dev.plexsrc;

import org.junit.jupiter.api.Test;

import dev.plexsrc.contract.AuthentikVersion;
import io.quarkus.test.junit.QuarkusTest;

/** /q/openapi in 2024.8 mode answers every request shape as Quarkus' OpenAPI extension did (OpenApiServing). */
@QuarkusTest
class OpenApiServingTest {

    @Test
    void servesTheDocumentAsBefore() {
        OpenApiServing.assertServedAsBefore(AuthentikVersion.V2024_8);
    }

    @Test
    void answersHeadAsBefore() {
        OpenApiServing.assertHeadAsBefore();
    }

    @Test
    void answersOtherMethodsAsBefore() {
        OpenApiServing.assertOtherMethodsAsBefore(AuthentikVersion.V2024_8);
    }
}
