package dev.plexsrc.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy between the service and PostgreSQL that a test can break: cut (every connection
 * reset, new ones refused), slow (each answer from the database delayed), black hole (nothing
 * delivered, connections left open: a network partition; as with TCP, what was sent arrives once
 * it heals), a black hole that begins the instant a given message has reached the database, and
 * restore.
 */
public final class TcpProxy implements AutoCloseable {

    private enum Mode { PASS, CUT, SLOW, BLACK_HOLE, BLACK_HOLE_AFTER }

    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile Mode mode = Mode.PASS;
    private volatile Duration latency = Duration.ZERO;
    private byte[] trigger = new byte[0];

    public TcpProxy(String targetHost, int targetPort) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        Thread acceptor = new Thread(this::accept, "tcp-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Resets every open connection and refuses new ones until {@link #restore()}. */
    public void cut() {
        mode = Mode.CUT;
        open.forEach(TcpProxy::reset);
        open.clear();
    }

    /** Delays every chunk the database sends by {@code delay}. */
    public void slow(Duration delay) {
        latency = delay;
        mode = Mode.SLOW;
    }

    /** Holds everything in both directions and keeps connections open, as a partition does. */
    public void blackHole() {
        mode = Mode.BLACK_HOLE;
    }

    /**
     * Passes traffic until the service sends {@code message}, then becomes a {@link #blackHole()}
     * from the moment that message has been delivered: the database gets it, its answer is held.
     */
    public synchronized void blackHoleAfter(byte[] message) {
        trigger = message.clone();
        mode = Mode.BLACK_HOLE_AFTER;
    }

    /** A simple-query message of PostgreSQL's protocol: 'Q', its length, the text, a zero byte. */
    public static byte[] simpleQuery(String sql) {
        byte[] text = sql.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + 4 + text.length + 1).put((byte) 'Q').putInt(4 + text.length + 1)
                .put(text).put((byte) 0).array();
    }

    public void restore() {
        synchronized (this) {
            mode = Mode.PASS;
            notifyAll();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        open.forEach(TcpProxy::reset);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (mode == Mode.CUT) {
                    reset(client);
                    continue;
                }
                Socket upstream = new Socket(targetHost, targetPort);
                open.add(client);
                open.add(upstream);
                pump(client, upstream, false);
                pump(upstream, client, true);
            } catch (IOException e) {
                // The server socket closed, or PostgreSQL refused: the client sees its connection fail.
            }
        }
    }

    private void pump(Socket from, Socket to, boolean fromDatabase) {
        Thread pump = new Thread(() -> {
            byte[] buffer = new byte[16_384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int read; (read = in.read(buffer)) >= 0;) {
                    awaitDelivery();
                    if (!fromDatabase) {
                        holdAfterTrigger(buffer, read);
                    }
                    if (mode == Mode.SLOW && fromDatabase) {
                        Thread.sleep(latency.toMillis()); // the delay this mode exists to add
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // One side closed or was reset: close the other too.
            } finally {
                reset(from);
                reset(to);
            }
        }, "tcp-proxy-pump");
        pump.setDaemon(true);
        pump.start();
    }

    /** Blocks while the proxy is a black hole: the bytes are delivered when it heals, as TCP retransmits them. */
    private synchronized void awaitDelivery() throws InterruptedException {
        while (mode == Mode.BLACK_HOLE) {
            wait();
        }
    }

    /** Starts the black hole before a chunk holding the trigger goes on, so its answer is the first thing held. */
    private synchronized void holdAfterTrigger(byte[] chunk, int length) {
        if (mode == Mode.BLACK_HOLE_AFTER && indexOf(chunk, length, trigger) >= 0) {
            mode = Mode.BLACK_HOLE;
        }
    }

    private static int indexOf(byte[] chunk, int length, byte[] part) {
        for (int i = 0; i + part.length <= length; i++) {
            if (Arrays.equals(chunk, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        return -1;
    }

    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException e) {
            // Already closed.
        }
    }
}
