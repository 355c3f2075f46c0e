package dev.plexsrc.plextv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonParseException;

/** How a failed plex.tv call is told (the metric's outcome tag): a timeout anywhere in the chain first. */
class PlexTvOutcomeTest {

    @Test
    void statusesAreToldApart() {
        assertEquals(PlexTvOutcome.UNAUTHORIZED, PlexTvOutcome.of(new PlexTvClient.UnexpectedStatus(401)));
        assertEquals(PlexTvOutcome.CLIENT_ERROR, PlexTvOutcome.of(new PlexTvClient.UnexpectedStatus(400)));
        assertEquals(PlexTvOutcome.CLIENT_ERROR, PlexTvOutcome.of(new PlexTvClient.UnexpectedStatus(403)));
        assertEquals(PlexTvOutcome.CLIENT_ERROR, PlexTvOutcome.of(new PlexTvClient.UnexpectedStatus(499)));
        assertEquals(PlexTvOutcome.SERVER_ERROR, PlexTvOutcome.of(new PlexTvClient.UnexpectedStatus(500)));
        assertEquals(PlexTvOutcome.SERVER_ERROR, PlexTvOutcome.of(new PlexTvClient.UnexpectedStatus(503)));
    }

    @Test
    void bodiesTimeoutsAndTransport() {
        assertEquals(PlexTvOutcome.INVALID_RESPONSE,
                PlexTvOutcome.of(new RuntimeException(new JsonParseException(null, "unexpected end"))));
        assertEquals(PlexTvOutcome.INVALID_RESPONSE, PlexTvOutcome.of(new PlexTvClient.UnaskedEncoding()));
        assertEquals(PlexTvOutcome.TOO_LARGE, PlexTvOutcome.of(new PlexTvClient.TooLarge()));
        assertEquals(PlexTvOutcome.TIMEOUT, PlexTvOutcome.of(new TimeoutException()));
        assertEquals(PlexTvOutcome.TIMEOUT, PlexTvOutcome.of(new io.smallrye.mutiny.TimeoutException()));
        assertEquals(PlexTvOutcome.TIMEOUT, PlexTvOutcome.of(new IOException(new TimeoutException())),
                "a timeout under another failure is still a timeout");
        assertEquals(PlexTvOutcome.UNREACHABLE, PlexTvOutcome.of(new ConnectException("refused")));
        assertEquals(PlexTvOutcome.UNREACHABLE, PlexTvOutcome.of(new IOException("reset")));
        assertEquals("invalid_response", PlexTvOutcome.INVALID_RESPONSE.tag());
        assertEquals("too_large", PlexTvOutcome.TOO_LARGE.tag());
    }
}
