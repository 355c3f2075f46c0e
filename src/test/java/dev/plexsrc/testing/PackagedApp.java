package dev.plexsrc.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.awaitility.core.ConditionTimeoutException;

/**
 * The packaged application (the jar, or the native executable when that is what was built)
 * run as a child process of the test, as a pod runs it: its own database (created here, dropped on
 * {@link #close()}), its own free port, the test key and issuer, and any further settings as
 * environment variables. Its output goes to {@code target/packaged-app/<name>.log}.
 */
public final class PackagedApp implements AutoCloseable {

    /** The JVM flags Dockerfile.jvm runs the jar with (its AOT cache needs JDK 25, so it is left out). */
    private static final List<String> JVM_FLAGS = List.of("-XX:+UseSerialGC", "-Xmx128m");
    /** Further JVM flags from the build (pom.xml: the test JVMs' JIT setting), none when unset. */
    private static final String EXTRA_JVM_FLAGS = System.getProperty("plexsrc.packaged-app.jvm-flags", "");
    private static final Duration READY_WITHIN = Duration.ofSeconds(90);
    private static final String READY = "/q/health/ready";
    private static final String LIVE = "/q/health/live";
    private static final Path TARGET = Path.of("target");

    private final Process process;
    private final String database;
    private final int port;
    private final Path log;

    private PackagedApp(Process process, String database, int port, Path log) {
        this.process = process;
        this.database = database;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts the application with {@code settings} (environment variables, e.g.
     * {@code QUARKUS_HTTP_IDLE_TIMEOUT}) on top of the test defaults, and returns once
     * {@code /q/health/ready} answers 200.
     */
    public static PackagedApp start(String name, Map<String, String> settings) {
        return launch(name, settings, database -> { }, READY);
    }

    /**
     * Starts the application as {@link #start} does, on a database that {@code prepare} gets (its name)
     * before the application starts, and returns once {@code /q/health/live} answers 200, ready or not.
     */
    public static PackagedApp startLive(String name, Map<String, String> settings, Consumer<String> prepare) {
        return launch(name, settings, prepare, LIVE);
    }

    private static PackagedApp launch(String name, Map<String, String> settings, Consumer<String> prepare, String until) {
        String database = TestDatabase.create();
        boolean started = false;
        try {
            prepare.accept(database);
            int port = freePort();
            Path log = TARGET.resolve("packaged-app").resolve(name + ".log");
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
            env.put("PLEXSRC_DB_NAME", database);
            env.put("MP_JWT_VERIFY_PUBLICKEY", TestDatabase.resource("jwt/publicKey.pem"));
            env.put("MP_JWT_VERIFY_ISSUER", Tokens.ISSUER);
            env.put("PLEXSRC_TOKEN_ENCRYPTION_KEY", TestDatabase.TOKEN_ENCRYPTION_KEY);
            env.putAll(settings);
            PackagedApp app = new PackagedApp(builder.start(), database, port, log);
            app.awaitOk(until);
            started = true;
            return app;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (!started) {
                TestDatabase.drop(database);
            }
        }
    }

    /** What a run to its exit printed, and how it ended. */
    public record Run(int exitValue, String log) {
    }

    /**
     * Runs the application until it exits (a one-shot job, or a start that is refused) with
     * {@code settings} on top of the test key and token settings, and no HTTP port of its own.
     */
    public static Run runToExit(String name, Map<String, String> settings) {
        try {
            Path log = TARGET.resolve("packaged-app").resolve(name + ".log");
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command()).redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.put("QUARKUS_HTTP_PORT", "0");
            env.put("MP_JWT_VERIFY_PUBLICKEY", TestDatabase.resource("jwt/publicKey.pem"));
            env.put("MP_JWT_VERIFY_ISSUER", Tokens.ISSUER);
            env.put("PLEXSRC_TOKEN_ENCRYPTION_KEY", TestDatabase.TOKEN_ENCRYPTION_KEY);
            env.putAll(settings);
            Process process = builder.start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("still running after 2 minutes; see " + log);
            }
            return new Run(process.exitValue(), Files.readString(log));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The database the application was started with (a second instance can share it through PLEXSRC_DB_NAME). */
    public String database() {
        return database;
    }

    public int port() {
        return port;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public Process process() {
        return process;
    }

    /** A JDBC connection to the application's database (the caller closes it). */
    public Connection connect() throws SQLException {
        return TestDatabase.connect(database);
    }

    /** Resident memory of the process in kB, from /proc (Linux). */
    public long residentKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
            throw new IllegalStateException("no VmRSS in /proc/" + process.pid() + "/status");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Open file descriptors of the process (sockets included), from /proc (Linux). */
    public long openFiles() {
        try (Stream<Path> descriptors = Files.list(Path.of("/proc", Long.toString(process.pid()), "fd"))) {
            return descriptors.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The TCP states of /proc/net/tcp, by their number there. */
    private static final String[] TCP_STATES = {"", "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2",
            "TIME_WAIT", "CLOSE", "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING", "NEW_SYN_RECV"};

    /** The server's side of a TCP connection: its state (ESTABLISHED, FIN_WAIT1, ...) and the bytes it has yet to send. */
    public record TcpConnection(String state, long sendQueue) {

        public boolean established() {
            return state.equals("ESTABLISHED");
        }
    }

    /**
     * The server's side of each TCP connection to the application's port, by the client's port,
     * from /proc/net/tcp (Linux). It leaves ESTABLISHED the moment the application closes the
     * socket, even when the client has not read what was sent and so cannot see the close yet; a
     * reset connection is not listed at all. Of two entries for one client port (an old one in
     * TIME_WAIT), the ESTABLISHED one wins.
     */
    public Map<Integer, TcpConnection> connections() {
        Map<Integer, TcpConnection> connections = new HashMap<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines;
            try {
                lines = Files.readAllLines(Path.of(table));
            } catch (IOException e) {
                continue; // no IPv6 on this machine
            }
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.trim().split("\\s+");
                String local = fields[1];
                String remote = fields[2];
                if (Integer.parseInt(local.substring(local.lastIndexOf(':') + 1), 16) != port) {
                    continue;
                }
                String state = TCP_STATES[Integer.parseInt(fields[3], 16)];
                if (!state.equals("LISTEN")) {
                    long sendQueue = Long.parseLong(fields[4].substring(0, fields[4].indexOf(':')), 16);
                    connections.merge(Integer.parseInt(remote.substring(remote.lastIndexOf(':') + 1), 16),
                            new TcpConnection(state, sendQueue), (known, other) -> known.established() ? known : other);
                }
            }
        }
        return connections;
    }

    /** The value of the metric {@code name} (its first series) at /q/metrics; fails when it is not there. */
    public double metric(String name) {
        String metrics;
        try {
            HttpURLConnection connection = (HttpURLConnection) uri("/q/metrics").toURL().openConnection();
            connection.setConnectTimeout(2000);
            connection.setReadTimeout(5000);
            try (InputStream in = connection.getInputStream()) {
                metrics = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Matcher value = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})? (\\S+)$").matcher(metrics);
        if (!value.find()) {
            throw new AssertionError(name + " is not in /q/metrics");
        }
        return Double.parseDouble(value.group(2));
    }

    /** Everything the application has written to stdout and stderr so far. */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path logFile() {
        return log;
    }

    /** Stops the process if it still runs and drops its database. */
    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            TestDatabase.drop(database);
        }
    }

    private void awaitOk(String path) {
        try {
            await(path + " to answer 200").atMost(READY_WITHIN).pollInterval(Duration.ofMillis(50)).until(() -> {
                if (!process.isAlive()) {
                    throw new AssertionError("the application exited with " + process.exitValue()
                            + " before " + path + " answered 200; its log (" + log + "):\n" + tail());
                }
                return status(path) == 200;
            });
        } catch (ConditionTimeoutException e) {
            process.destroyForcibly();
            throw new AssertionError(path + " did not answer 200 within " + READY_WITHIN + "; the log:\n" + tail(), e);
        }
    }

    /** The status a GET of {@code path} answers, -1 when there is no answer. */
    public int status(String path) {
        try {
            HttpURLConnection connection = (HttpURLConnection) uri(path).toURL().openConnection();
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(2000);
            try {
                return connection.getResponseCode();
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            return -1;
        }
    }

    private String tail() {
        List<String> lines = log().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /** The native executable when the build made one, else java -jar on the packaged jar. */
    public static List<String> command() throws IOException {
        Properties artifact = new Properties();
        try (InputStream in = Files.newInputStream(TARGET.resolve("quarkus-artifact.properties"))) {
            artifact.load(in);
        }
        Path path = TARGET.resolve(artifact.getProperty("path")).toAbsolutePath();
        List<String> command = new ArrayList<>();
        if ("native".equals(artifact.getProperty("type"))) {
            command.add(path.toString());
        } else {
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(JVM_FLAGS);
            command.addAll(Arrays.stream(EXTRA_JVM_FLAGS.trim().split("\\s+")).filter(flag -> !flag.isEmpty()).toList());
            command.add("-jar");
            command.add(path.toString());
        }
        return command;
    }

    /** A port nothing listens on now, for a process the test starts. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
