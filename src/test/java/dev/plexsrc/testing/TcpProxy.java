package dev.plexsrc.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy between the service and PostgreSQL that a test can break: cut (every connection
 * reset, new ones refused), slow (each answer from the database delayed), black hole (nothing
 * delivered, connections left open: a network partition; as with TCP, what was sent arrives once
 * it heals) and restore.
 */
public final class TcpProxy implements AutoCloseable {

    private enum Mode { PASS, CUT, SLOW, BLACK_HOLE }

    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile Mode mode = Mode.PASS;
    private volatile Duration latency = Duration.ZERO;

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

    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException e) {
            // Already closed.
        }
    }
}
