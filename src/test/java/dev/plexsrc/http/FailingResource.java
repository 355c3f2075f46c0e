package dev.plexsrc.http;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** A route that fails as a bug would, for the test of how a 500 is answered and logged (test code only). */
@Path("/test-only/failure")
public class FailingResource {

    @GET
    public String fail() {
        throw new IllegalStateException("a bug met by every request");
    }
}
