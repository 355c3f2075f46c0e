package dev.plexsrc.plextv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which {@code /api/v2/resources} entries are servers (by {@code provides}) and which the account owns. */
class PlexResourceTest {

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {
            // provides, owned, server, owned server
            "server,              true,  true,  true",
            "server,              false, true,  false",
            "server,              NULL,  true,  false",
            "'client,server',     true,  true,  true",
            "'player, server ',   true,  true,  true",
            "'server,player',     true,  true,  true",
            "'client,player',     true,  false, false",
            "Server,              true,  false, false",
            "servers,             true,  false, false",
            "'',                  true,  false, false",
            "NULL,                true,  false, false",
    })
    void serversAndOwnedServers(String provides, Boolean owned, boolean server, boolean ownedServer) {
        PlexResource resource = new PlexResource("id", provides, owned);
        assertEquals(server, resource.isServer());
        assertEquals(ownedServer, resource.isOwnedServer());
    }
}
