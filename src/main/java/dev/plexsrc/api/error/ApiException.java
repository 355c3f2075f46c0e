package dev.plexsrc.api.error;

import jakarta.ws.rs.core.Response.Status;

/** A failure answered with a status and a {@link GenericError} detail. */
public class ApiException extends RuntimeException {

    private final int status;

    public ApiException(int status, String detail) {
        super(detail, null, false, false);
        this.status = status;
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

    public String detail() {
        return getMessage();
    }
}
