package dev.plexsrc.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * An HTTP/1.1 client on one plain socket, kept alive until an answer says {@code Connection: close},
 * that tells apart what the black-box tests count and an ordinary client would blur (the JDK's
 * client, for one, silently retries): a connection refused before anything was sent, a complete
 * answer, and a request that was sent but never completely answered (reset, closed or timed out).
 */
public final class SocketHttpClient implements AutoCloseable {

    public enum Outcome {
        /** The connection was refused: nothing was sent. */
        REFUSED,
        /** Status line, headers and the whole body arrived. */
        ANSWERED,
        /** The request went out (at least in part) and no complete answer came back. */
        UNANSWERED
    }

    /**
     * One request and what came of it; {@code headers} have lower-case names; {@code reused} says
     * whether the request went on a connection that had already carried one.
     */
    public record Exchange(Outcome outcome, int status, Map<String, String> headers, String body, boolean reused,
            String failure, long sentAt, long doneAt) {

        public boolean answered(int expected) {
            return outcome == Outcome.ANSWERED && status == expected;
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public Duration took() {
            return Duration.ofNanos(doneAt - sentAt);
        }
    }

    private static final int CONNECT_TIMEOUT_MS = 2_000;

    private final int port;
    private final int answerTimeoutMs;
    private Socket socket;
    private InputStream in;
    private boolean used;

    /** {@code answerTimeout}: how long to wait for an answer before counting it unanswered. */
    public SocketHttpClient(int port, Duration answerTimeout) {
        this.port = port;
        this.answerTimeoutMs = Math.toIntExact(answerTimeout.toMillis());
    }

    /** Sends one request, on the kept-alive connection if there is one, else on a new one. */
    public Exchange send(String method, String path, Map<String, String> headers, String body) {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (body != null) {
            head.append("Content-Length: ").append(content.length).append("\r\n");
        }
        head.append("\r\n");
        return sendRaw(head.toString().getBytes(StandardCharsets.ISO_8859_1), content);
    }

    /**
     * Writes {@code parts} as they are (a chunked request, say, which must carry its own Host) on
     * the kept-alive connection if there is one, else on a new one, and reads one answer.
     */
    public Exchange sendRaw(byte[]... parts) {
        long sentAt = System.nanoTime();
        boolean reused = socket != null && used;
        try {
            if (socket == null) {
                open();
            }
        } catch (IOException e) {
            close();
            Outcome outcome = e instanceof ConnectException ? Outcome.REFUSED : Outcome.UNANSWERED;
            return new Exchange(outcome, 0, Map.of(), "", false, "connect: " + e, sentAt, System.nanoTime());
        }
        try {
            used = true;
            OutputStream out = socket.getOutputStream();
            for (byte[] part : parts) {
                out.write(part);
            }
            out.flush();
            Exchange exchange = read(reused, sentAt);
            if ("close".equalsIgnoreCase(exchange.header("connection"))) {
                close();
            }
            return exchange;
        } catch (IOException e) {
            close();
            return new Exchange(Outcome.UNANSWERED, 0, Map.of(), "", reused, e.toString(), sentAt, System.nanoTime());
        }
    }

    /**
     * Writes {@code parts} as they are (a malformed or chunked request, as the test builds it) on
     * a new connection and returns all that came back until the server closed it; fails if the
     * server still holds it open after {@code timeout}. A write the server refuses by closing ends
     * the writing, not the exchange.
     */
    public static String untilClosed(int port, Duration timeout, byte[]... parts) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), CONNECT_TIMEOUT_MS);
            socket.setSoTimeout(Math.toIntExact(timeout.toMillis()));
            try {
                OutputStream out = socket.getOutputStream();
                for (byte[] part : parts) {
                    out.write(part);
                }
                out.flush();
            } catch (IOException e) {
                // The server answered and closed before the request was all sent: read its answer.
            }
            try {
                return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the connection is still open " + timeout.toMillis() + " ms after the request", e);
            }
        }
    }

    /**
     * The body of a chunked answer read off a socket ({@code raw}: from the first chunk's size line
     * on) as far as it arrived: a connection cut in the middle of a chunk gives the part of it that
     * came, and the answer's end is not needed.
     */
    public static byte[] dechunk(byte[] raw) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int at = 0;
        while (at < raw.length) {
            int lineEnd = indexOf(raw, (byte) '\n', at);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(new String(raw, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            int start = lineEnd + 1;
            body.write(raw, start, Math.min(size, raw.length - start));
            at = start + size + 2; // the chunk and its CRLF
        }
        return body.toByteArray();
    }

    private static int indexOf(byte[] bytes, byte wanted, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // Already gone: nothing more to release.
            }
        }
        socket = null;
        in = null;
        used = false;
    }

    private void open() throws IOException {
        Socket opened = new Socket();
        try {
            opened.connect(new InetSocketAddress("127.0.0.1", port), CONNECT_TIMEOUT_MS);
            opened.setTcpNoDelay(true);
            opened.setSoTimeout(answerTimeoutMs);
        } catch (IOException e) {
            opened.close();
            throw e;
        }
        socket = opened;
        in = new BufferedInputStream(opened.getInputStream());
    }

    private Exchange read(boolean reused, long sentAt) throws IOException {
        String statusLine = line();
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not a status line: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        Map<String, String> headers = new TreeMap<>();
        for (String line = line(); !line.isEmpty(); line = line()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        byte[] body;
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = chunked();
        } else if (headers.containsKey("content-length")) {
            body = exactly(Integer.parseInt(headers.get("content-length")));
        } else {
            body = in.readAllBytes();
        }
        return new Exchange(Outcome.ANSWERED, status, headers, new String(body, StandardCharsets.UTF_8), reused, null,
                sentAt, System.nanoTime());
    }

    private byte[] chunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
                size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
            body.writeBytes(exactly(size));
            line();
        }
        for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
            // Trailers carry nothing the tests look at.
        }
        return body.toByteArray();
    }

    private byte[] exactly(int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new EOFException("body cut after " + bytes.length + " of " + length + " bytes");
        }
        return bytes;
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException(line.size() == 0 ? "connection closed" : "connection closed mid-line");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
