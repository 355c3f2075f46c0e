package dev.plexsrc.plextv;

import java.util.Locale;
import java.util.concurrent.TimeoutException;

import jakarta.ws.rs.WebApplicationException;

import com.fasterxml.jackson.core.JsonProcessingException;

/** How one plex.tv call ended; the {@code outcome} tag of its metric. */
public enum PlexTvOutcome {

    SUCCESS,
    /** 401: plex.tv does not accept the token. */
    UNAUTHORIZED,
    CLIENT_ERROR,
    SERVER_ERROR,
    TIMEOUT,
    UNREACHABLE,
    /** 2xx with a body that is not what the endpoint answers. */
    INVALID_RESPONSE;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * What a failed call means. The client wraps a body it cannot read in a 400 of its own, so a
     * parse failure or a timeout anywhere in the chain goes first; a transport failure is anything else.
     */
    static PlexTvOutcome of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof JsonProcessingException) {
                return INVALID_RESPONSE;
            }
            if (t instanceof TimeoutException || t instanceof io.smallrye.mutiny.TimeoutException) {
                return TIMEOUT;
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof WebApplicationException web) {
                int status = web.getResponse().getStatus();
                return status == 401 ? UNAUTHORIZED : status >= 500 ? SERVER_ERROR : CLIENT_ERROR;
            }
        }
        return UNREACHABLE;
    }
}
