package dev.plexsrc.http;

/** The routes that run before all others, in the order each request meets them. */
final class RouteOrder {

    /** Every answer, and every log line of the request, carries its id. */
    static final int REQUEST_IDS = Integer.MIN_VALUE;
    /** Logs every request however it is answered, the refusals of the two below included. */
    static final int ACCESS_LOG = Integer.MIN_VALUE + 1;
    static final int GRACEFUL_SHUTDOWN = Integer.MIN_VALUE + 2;
    static final int REQUEST_LIMITS = Integer.MIN_VALUE + 3;

    private RouteOrder() {
    }
}
