package dev.plexsrc.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.stream.Stream;

/**
 * Every record the service logs in this JVM (a {@code @QuarkusTest}) while attached, formatted
 * with its parameters and stack trace: for tests of what the log holds and how much of it.
 */
public final class CapturedLog extends Handler implements AutoCloseable {

    /** One record: its logger, level, formatted text, and whether it carries a stack trace. */
    public record Line(String logger, Level level, String text, boolean stackTrace) {
    }

    private final ConcurrentLinkedQueue<Line> lines = new ConcurrentLinkedQueue<>();

    private CapturedLog() {
        setLevel(Level.ALL);
    }

    /** Starts capturing at the root logger; {@link #close()} stops. */
    public static CapturedLog attach() {
        CapturedLog log = new CapturedLog();
        LogManager.getLogManager().getLogger("").addHandler(log);
        return log;
    }

    @Override
    public void publish(LogRecord record) {
        StringBuilder text = new StringBuilder(record.getLoggerName() + " " + record.getLevel() + " " + record.getMessage());
        if (record.getParameters() != null) {
            for (Object parameter : record.getParameters()) {
                text.append(" | ").append(parameter);
            }
        }
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            text.append('\n').append(trace);
        }
        lines.add(new Line(record.getLoggerName(), record.getLevel(), text.toString(), record.getThrown() != null));
    }

    public List<Line> lines() {
        return List.copyOf(lines);
    }

    /** Lines at WARNING or above (JBoss Logging's WARN and ERROR). */
    public Stream<Line> warningsAndErrors() {
        return lines.stream().filter(line -> line.level().intValue() >= Level.WARNING.intValue());
    }

    public String text() {
        return String.join("\n", lines.stream().map(Line::text).toList());
    }

    /** The first line holding {@code part}, or "". */
    public String lineWith(String part) {
        return lines.stream().map(Line::text).filter(text -> text.contains(part)).findFirst().orElse("");
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        LogManager.getLogManager().getLogger("").removeHandler(this);
    }
}
