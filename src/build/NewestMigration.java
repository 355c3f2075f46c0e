import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Build step (pom.xml, run with java's source launcher): writes the version of the newest versioned
 * migration in a folder ({@code V<version>__<description>.sql}, as Flyway named them) to a file, so
 * that the application knows the schema version it needs without a second copy of that number, and
 * the names of all of them, in version order, one a line, to {@code migrations} beside that file:
 * the list the migrator applies (a folder of a jar or a native image cannot be listed at run time).
 * Usage: {@code java NewestMigration.java <migration folder> <file to write>}.
 */
public class NewestMigration {

    private static final Pattern VERSIONED = Pattern.compile("V(\\d+(?:[._]\\d+)*)__.*\\.sql");

    private record Migration(String fileName, List<BigInteger> version) {
    }

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args[0]);
        Path target = Path.of(args[1]);
        List<Migration> migrations;
        try (Stream<Path> files = Files.list(folder)) {
            migrations = files.map(file -> VERSIONED.matcher(file.getFileName().toString()))
                    .filter(Matcher::matches)
                    .map(name -> new Migration(name.group(), Arrays.stream(name.group(1).split("[._]")).map(BigInteger::new).toList()))
                    .sorted(Comparator.comparing(Migration::version, NewestMigration::compare))
                    .toList();
        }
        if (migrations.isEmpty()) {
            throw new IllegalStateException("no versioned migration in " + folder);
        }
        List<BigInteger> newest = migrations.get(migrations.size() - 1).version();
        Files.createDirectories(target.getParent());
        Files.writeString(target, newest.stream().map(BigInteger::toString).collect(Collectors.joining(".")) + "\n");
        Files.writeString(target.resolveSibling("migrations"),
                migrations.stream().map(migration -> migration.fileName() + "\n").collect(Collectors.joining()));
    }

    /** Flyway's order: part by part, numerically, a missing part counting as 0 (1.0 is 1). */
    private static int compare(List<BigInteger> left, List<BigInteger> right) {
        for (int i = 0; i < Math.max(left.size(), right.size()); i++) {
            int order = part(left, i).compareTo(part(right, i));
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }

    private static BigInteger part(List<BigInteger> version, int index) {
        return index < version.size() ? version.get(index) : BigInteger.ZERO;
    }
}
