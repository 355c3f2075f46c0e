package dev.plexsrc.plextv;

import java.util.Locale;
import java.util.concurrent.TimeoutException;

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
    INVALID_RESPONSE,
    /** An answer longer than {@code plexsrc.plex.max-response-size}: plex.tv's are a few KB. */
    TOO_LARGE;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What a failed call means: a timeout anywhere in the chain goes first; a transport failure is anything else. */
    static PlexTvOutcome of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof io.smallrye.mutiny.TimeoutException) {
                return TIMEOUT;
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof JsonProcessingException || t instanceof PlexTvClient.UnaskedEncoding) {
                return INVALID_RESPONSE;
            }
            if (t instanceof PlexTvClient.TooLarge) {
                return TOO_LARGE;
            }
            if (t instanceof PlexTvClient.UnexpectedStatus answered) {
                int status = answered.status();
                return status == 401 ? UNAUTHORIZED : status >= 500 ? SERVER_ERROR : CLIENT_ERROR;
            }
        }
        return UNREACHABLE;
    }
}
