package dev.plexsrc.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.stream.Stream;

import org.jboss.logmanager.ExtLogRecord;

/**
 * Every record the service logs in this JVM (a {@code @QuarkusTest}) while attached, formatted
 * with its parameters and stack trace, and what is printed to standard error meanwhile (where
 * libraries print stack traces they have no handler for): for tests of what the log holds and how
 * much of it.
 */
public final class CapturedLog extends Handler implements AutoCloseable {

    /** One record: its logger, level, formatted text, whether it carries a stack trace, and its MDC. */
    public record Line(String logger, Level level, String text, boolean stackTrace, Map<String, String> mdc) {
    }

    private final ConcurrentLinkedQueue<Line> lines = new ConcurrentLinkedQueue<>();
    private final ByteArrayOutputStream standardError = new ByteArrayOutputStream();
    private final PrintStream originalStandardError = System.err;

    private CapturedLog() {
        setLevel(Level.ALL);
    }

    /** Starts capturing at the root logger and on standard error; {@link #close()} stops. */
    public static CapturedLog attach() {
        CapturedLog log = new CapturedLog();
        LogManager.getLogManager().getLogger("").addHandler(log);
        System.setErr(new PrintStream(new TeeOutputStream(log.originalStandardError, log.standardError), true));
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
        Map<String, String> mdc = record instanceof ExtLogRecord logged ? Map.copyOf(logged.getMdcCopy()) : Map.of();
        lines.add(new Line(record.getLoggerName(), record.getLevel(), text.toString(), record.getThrown() != null, mdc));
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

    /** What was printed to standard error while attached. */
    public String standardError() {
        synchronized (standardError) {
            return standardError.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        LogManager.getLogManager().getLogger("").removeHandler(this);
        System.setErr(originalStandardError);
    }

    /** Writes through to the original stream and keeps a copy. */
    private static final class TeeOutputStream extends OutputStream {

        private final OutputStream original;
        private final ByteArrayOutputStream copy;

        TeeOutputStream(OutputStream original, ByteArrayOutputStream copy) {
            this.original = original;
            this.copy = copy;
        }

        @Override
        public void write(int b) throws IOException {
            original.write(b);
            synchronized (copy) {
                copy.write(b);
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            original.write(bytes, offset, length);
            synchronized (copy) {
                copy.write(bytes, offset, length);
            }
        }

        @Override
        public void flush() throws IOException {
            original.flush();
        }
    }
}
