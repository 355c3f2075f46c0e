package dev.plexsrc.http;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which occurrence of a repeating failure gets its full report: the first of each kind in every
 * interval, so that one fault met by every request cannot flood the log with stack traces.
 */
public final class RepeatedFailures {

    // Kinds are code locations, so few; the bound only guards against a fault that varies them.
    private static final int MAX_KINDS = 1024;

    private final long intervalNanos;
    private final Map<String, Long> lastFullReport = new ConcurrentHashMap<>();

    public RepeatedFailures(Duration interval) {
        this.intervalNanos = interval.toNanos();
    }

    /** Whether this failure is due its full report now; if so, the next one of its kind is not until the interval has passed. */
    boolean fullReportDue(Throwable failure) {
        return fullReportDue(kind(failure));
    }

    /** Whether a failure of this kind (e.g. one row's) is due its report now; if so, the next is not until the interval has passed. */
    public boolean fullReportDue(String kind) {
        if (lastFullReport.size() >= MAX_KINDS) {
            lastFullReport.clear();
        }
        long now = System.nanoTime();
        boolean[] due = {false};
        lastFullReport.compute(kind, (known, last) -> {
            due[0] = last == null || now - last >= intervalNanos;
            return due[0] ? now : last;
        });
        return due[0];
    }

    /** The failure's class and where it was thrown. */
    static String kind(Throwable failure) {
        StackTraceElement[] trace = failure.getStackTrace();
        return failure.getClass().getName() + (trace.length == 0 ? "" : " at " + trace[0]);
    }

    long intervalSeconds() {
        return Duration.ofNanos(intervalNanos).toSeconds();
    }
}
