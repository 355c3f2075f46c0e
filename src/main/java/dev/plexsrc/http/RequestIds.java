package dev.plexsrc.http;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Gives every API request an id: the caller's {@code X-Request-Id} when it is a sane token,
 * else a new one. It is logged with each line (MDC {@code requestId}) and echoed in the answer.
 */
public class RequestIds {

    static final String HEADER = "X-Request-Id";
    private static final String KEY = "requestId";

    private static final Pattern SANE_ID = Pattern.compile("^[A-Za-z0-9._-]{1,64}$");

    @ServerRequestFilter(preMatching = true)
    public void assign(ContainerRequestContext request) {
        String given = request.getHeaderString(HEADER);
        String id = given != null && SANE_ID.matcher(given).matches() ? given : newId();
        request.setProperty(KEY, id);
        MDC.put(KEY, id);
    }

    /**
     * A random version-4 UUID from the thread's own generator: an id only needs to be unique, and
     * {@link UUID#randomUUID()} would take the shared SecureRandom's lock on every request.
     */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
        return new UUID(high, low).toString();
    }

    @ServerResponseFilter
    public void echo(ContainerRequestContext request, ContainerResponseContext response) {
        Object id = request.getProperty(KEY);
        if (id != null) {
            response.getHeaders().putSingle(HEADER, id);
        }
    }
}
