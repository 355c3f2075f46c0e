package dev.plexsrc.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A client of the change stream: the events parsed as they arrive, taken with a timeout (each take
 * waits for the event, never for a fixed time). Comments are kept apart from events.
 */
public final class EventStream implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** One server-sent event; {@code id} is null for an event that has none. */
    public record Event(String id, String name, String data) {

        public JsonNode json() {
            return Api.parse(data);
        }

        /** "name pk" for compact assertions. */
        public String summary() {
            return name + " " + json().get("pk").asText();
        }
    }

    private final HttpResponse<InputStream> response;
    private final BlockingQueue<Object> arrived = new LinkedBlockingQueue<>();
    /** Lines that are no comment and no id, event or data field: a server should send none. */
    private final List<String> otherLines = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private static final Object END = new Object();

    private final String errorBody;

    private EventStream(HttpResponse<InputStream> response) throws IOException {
        this.response = response;
        if (response.statusCode() == 200) {
            this.errorBody = null;
            this.reader = new Thread(this::read, "event-stream");
            reader.setDaemon(true);
            reader.start();
        } else {
            try (InputStream body = response.body()) {
                this.errorBody = new String(body.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
            this.reader = null;
        }
    }

    /** The body of an answer other than 200. */
    public String errorBody() {
        return errorBody;
    }

    /** Opens {@code uri} with {@code token} and, when not null, a {@code Last-Event-ID}; returns once headers arrived. */
    public static EventStream open(URI uri, String token, String lastEventId) {
        return open(CLIENT, uri, token, lastEventId);
    }

    /** {@link #open(URI, String, String)} through {@code client} (an HTTP/2 one, say). */
    public static EventStream open(HttpClient client, URI uri, String token, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream").GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        try {
            return new EventStream(client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int status() {
        return response.statusCode();
    }

    public String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    public HttpClient.Version version() {
        return response.version();
    }

    public String contentType() {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    /** Waits for the stream's first comment: from then on it reports every change committed. */
    public EventStream awaitOpen() {
        Object first = take();
        if (!"connected".equals(first)) {
            throw new AssertionError("the stream did not start with its connected comment: " + first);
        }
        return this;
    }

    /** The next event, skipping comments; fails after a while without one, or when the stream ended. */
    public Event next() {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Object item = take(deadline);
            if (item instanceof Event event) {
                return event;
            }
            if (item == END) {
                throw new AssertionError("the stream ended");
            }
        }
    }

    /** Waits for a comment line with this text, passing over events. */
    public void awaitComment(String text) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Object item = take(deadline);
            if (text.equals(item)) {
                return;
            }
            if (item == END) {
                throw new AssertionError("the stream ended");
            }
        }
    }

    public List<Event> next(int count) {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(next());
        }
        return events;
    }

    /** The events that arrive within {@code window}, for a test that something is held back. */
    public List<Event> eventsWithin(Duration window) {
        long deadline = System.nanoTime() + window.toNanos();
        List<Event> events = new ArrayList<>();
        while (true) {
            Object item;
            try {
                item = arrived.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            if (item == null) {
                return events;
            }
            if (item == END) {
                throw new AssertionError("the stream ended");
            }
            if (item instanceof Event event) {
                events.add(event);
            }
        }
    }

    /** Waits until the server ends the stream, returning the events it sent before. */
    public List<Event> untilEnd() {
        List<Event> events = new ArrayList<>();
        while (true) {
            Object item = take();
            if (item == END) {
                return events;
            }
            if (item instanceof Event event) {
                events.add(event);
            }
        }
    }

    /** The lines read so far that were no comment and no {@code id}, {@code event} or {@code data} field. */
    public List<String> otherLines() {
        return List.copyOf(otherLines);
    }

    /** The events that have arrived already, without waiting. */
    public List<Event> arrivedEvents() {
        List<Event> events = new ArrayList<>();
        for (Object item : arrived) {
            if (item instanceof Event event) {
                events.add(event);
            }
        }
        return events;
    }

    private Object take() {
        return take(System.nanoTime() + WAIT.toNanos());
    }

    private Object take(long deadline) {
        try {
            Object item = arrived.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (item == null) {
                throw new AssertionError("nothing arrived on the stream within " + WAIT);
            }
            return item;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * The events in {@code body}, the text of a stream as it came off the wire (de-chunked), in
     * order; an event cut off at the end, without its closing blank line, is left out.
     */
    public static List<Event> parse(String body) {
        List<Event> events = new ArrayList<>();
        Lines lines = new Lines();
        for (int start = 0, end = body.indexOf('\n'); end >= 0; start = end + 1, end = body.indexOf('\n', start)) {
            if (lines.line(body.substring(start, end).replace("\r", "")) instanceof Event event) {
                events.add(event);
            }
        }
        return events;
    }

    /** A line that is no comment and no id, event or data field. */
    private record OtherLine(String text) {
    }

    /**
     * The lines of a stream, one at a time: an event at its closing blank line, a comment at once,
     * any other line as an {@link OtherLine}.
     */
    private static final class Lines {
        private String id;
        private String name;
        private StringBuilder data;

        /** An {@link Event}, a comment's text, an {@link OtherLine}, or null for a field of an event to come. */
        Object line(String text) {
            if (text.isEmpty()) {
                Event event = data == null ? null : new Event(id, name, data.toString());
                id = null;
                name = null;
                data = null;
                return event;
            } else if (text.startsWith(":")) {
                return text.substring(1).strip();
            } else if (text.startsWith("id:")) {
                id = text.substring(3).strip();
            } else if (text.startsWith("event:")) {
                name = text.substring(6).strip();
            } else if (text.startsWith("data:")) {
                String chunk = text.substring(5).stripLeading();
                data = data == null ? new StringBuilder(chunk) : data.append('\n').append(chunk);
            } else {
                return new OtherLine(text);
            }
            return null;
        }
    }

    private void read() {
        StringBuilder line = new StringBuilder();
        Lines lines = new Lines();
        try (InputStream body = response.body()) {
            int c;
            while ((c = body.read()) != -1) {
                if (c == '\r') {
                    continue;
                }
                if (c != '\n') {
                    line.append((char) c);
                    continue;
                }
                Object item = lines.line(line.toString());
                line.setLength(0);
                if (item instanceof OtherLine other) {
                    otherLines.add(other.text());
                } else if (item != null) {
                    arrived.add(item);
                }
            }
        } catch (IOException e) {
            // closed by us or cut by the server: the end either way
        }
        arrived.add(END);
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException e) {
            // already closed
        }
        if (reader != null) {
            reader.interrupt();
        }
    }
}
