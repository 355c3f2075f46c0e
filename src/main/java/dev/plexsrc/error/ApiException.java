package dev.plexsrc.error;

import jakarta.ws.rs.core.Response.Status;

/** A failure answered with a status and a {@link GenericError} detail. */
public class ApiException extends RuntimeException {

    private final int status;
    /** Seconds for the Retry-After header; 0 for none. */
    private final int retryAfterSeconds;

    public ApiException(int status, String detail) {
        this(status, detail, 0);
    }

    /** A refusal that will pass later (429, 503): the client is told to try again after {@code retryAfterSeconds}. */
    public ApiException(int status, String detail, int retryAfterSeconds) {
        super(detail, null, false, false);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiException notFound() {
        return new ApiException(Status.NOT_FOUND.getStatusCode(), "Not found.");
    }

    public static ApiException invalidPage() {
        return new ApiException(Status.NOT_FOUND.getStatusCode(), "Invalid page.");
    }

    public static ApiException forbidden() {
        return new ApiException(Status.FORBIDDEN.getStatusCode(),
                "You do not have permission to perform this action.");
    }

    public int status() {
        return status;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public String detail() {
        return getMessage();
    }
}
