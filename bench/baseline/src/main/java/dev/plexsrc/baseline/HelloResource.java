package dev.plexsrc.baseline;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The bare app's one call: a JSON object, as a retrieve answers, with no database and no token. */
@Path("/hello")
public class HelloResource {

    public record Greeting(String pk, String name) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Greeting hello() {
        return new Greeting("00000000-0000-0000-0000-000000000000", "baseline");
    }
}
