package dev.plexsrc.database;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * One versioned migration, {@code db/migration/V<version>__<description>.sql}, with what Flyway
 * recorded for it in {@code flyway_schema_history}: the version, the description (the name's
 * underscores as spaces), the script's path ({@code db/migration/V1__plex_source.sql}, as the
 * Flyway-based releases wrote it) and the checksum. {@code sql} is the script's text without a
 * byte order mark.
 */
public record MigrationScript(SchemaVersion version, String description, String script, String sql) {

    public static final String LOCATION = "db/migration";
    /**
     * The build's list of the scripts in {@value #LOCATION}, one name a line, which
     * src/build/NewestMigration.java writes beside {@link DatabaseSchema#EXPECTED_VERSION}: a
     * folder of a jar or a native image cannot be listed at run time.
     */
    static final String INDEX = "db/migrations";

    private static final Pattern NAME = Pattern.compile("V(" + SchemaVersion.FORMAT + ")__(.+)\\.sql");
    private static final String BYTE_ORDER_MARK = "\uFEFF";

    /** A script named {@code V<version>__<description>.sql} (the file name only) with its text. */
    public static MigrationScript of(String fileName, String text) {
        Matcher name = NAME.matcher(fileName);
        if (!name.matches()) {
            throw new IllegalArgumentException("\"" + fileName + "\" is not a migration's name: V<version>__<description>.sql");
        }
        String sql = text.startsWith(BYTE_ORDER_MARK) ? text.substring(1) : text;
        return new MigrationScript(SchemaVersion.parse(name.group(1)), name.group(2).replace('_', ' '),
                LOCATION + "/" + fileName, sql);
    }

    /** The file's name, as a log line names the script. */
    public String fileName() {
        return script.substring(script.lastIndexOf('/') + 1);
    }

    /**
     * Flyway's checksum: CRC32 over the UTF-8 bytes of each line without its terminator (so CRLF or
     * LF, and a final newline or none, make no difference), the byte order mark left out.
     */
    public int checksum() {
        CRC32 crc = new CRC32();
        sql.lines().forEach(line -> crc.update(line.getBytes(StandardCharsets.UTF_8)));
        return (int) crc.getValue();
    }

    /** The scripts in version order; two of one version are refused, as Flyway refused them. */
    public static List<MigrationScript> inOrder(Collection<MigrationScript> scripts) {
        List<MigrationScript> ordered = new ArrayList<>(scripts);
        ordered.sort(Comparator.comparing(MigrationScript::version));
        for (int i = 1; i < ordered.size(); i++) {
            if (ordered.get(i).version().equals(ordered.get(i - 1).version())) {
                throw new IllegalStateException("Two migrations of version " + ordered.get(i).version() + ": "
                        + ordered.get(i - 1).fileName() + " and " + ordered.get(i).fileName());
            }
        }
        return List.copyOf(ordered);
    }

    /** This build's migrations, in version order. */
    public static List<MigrationScript> ofThisBuild() {
        List<MigrationScript> scripts = new ArrayList<>();
        for (String fileName : read(INDEX).lines().map(String::strip).filter(line -> !line.isEmpty()).toList()) {
            scripts.add(of(fileName, read(LOCATION + "/" + fileName)));
        }
        return inOrder(scripts);
    }

    private static String read(String resource) {
        try (InputStream in = MigrationScript.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing: the build writes and packages it (./mvnw process-resources)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
