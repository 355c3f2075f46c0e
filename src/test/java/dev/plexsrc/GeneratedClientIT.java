package dev.plexsrc;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * A client generated from the packaged application's OpenAPI document is the client generated
 * from authentik's (cut to the operations served), except for the deliberate differences: the
 * difference of the two generated trees must be exactly {@code reference/typescript-fetch-client.diff}.
 * The generator is openapi-generator's typescript-fetch, the one authentik's own web client uses.
 */
@QuarkusIntegrationTest
class GeneratedClientIT {

    private static final Path WORK = Path.of("target/generated-clients");
    private static final Path GENERATOR = Path.of("target/tools/openapi-generator-cli.jar");
    private static final String EXPECTED = "reference/typescript-fetch-client.diff";

    @Test
    void typescriptClientDiffersOnlyWhereTheDocumentMeansTo() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode ours = mapper.readTree(given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().asString());
        ObjectNode theirs = (ObjectNode) OpenApiDocumentTest.servedPartOf(OpenApiDocumentTest.reference());
        // Title, version and contact only reach the generated files' comments.
        theirs.set("info", ours.get("info"));

        Path plexsrc = WORK.resolve("plexsrc");
        Path authentik = WORK.resolve("authentik");
        generate(Map.of(plexsrc, ours, authentik, theirs));
        String actual = TreeDiff.between(authentik, plexsrc);
        Files.writeString(WORK.resolve("typescript-fetch-client.diff"), actual);
        assertEquals(expected(), actual, "generated clients differ in a way not recorded in src/test/resources/"
                + EXPECTED + " (the actual difference is in " + WORK.resolve("typescript-fetch-client.diff") + ")");
    }

    /** Generates a client into each directory from its document, in one run of the generator (its batch mode). */
    private static void generate(Map<Path, JsonNode> documents) throws IOException, InterruptedException {
        Files.createDirectories(WORK);
        ObjectMapper mapper = new ObjectMapper();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", GENERATOR.toString(), "batch", "--fail-fast", "--threads", "1"));
        for (Map.Entry<Path, JsonNode> document : documents.entrySet()) {
            Path output = document.getKey();
            Path input = WORK.resolve(output.getFileName() + ".json");
            Path config = WORK.resolve(output.getFileName() + ".config.json");
            Files.writeString(input, mapper.writerWithDefaultPrettyPrinter().writeValueAsString(document.getValue()));
            Files.writeString(config, mapper.writeValueAsString(Map.of("generatorName", "typescript-fetch",
                    "inputSpec", input.toAbsolutePath().toString(), "outputDir", output.toAbsolutePath().toString())));
            deleteTree(output);
            command.add(config.toString());
        }
        Path log = WORK.resolve("generator.log");
        Process generator = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!generator.waitFor(3, TimeUnit.MINUTES)) {
            generator.destroyForcibly();
            throw new AssertionError("generator still running after 3 minutes; see " + log);
        }
        assertEquals(0, generator.exitValue(), () -> "generator failed; see " + log);
    }

    private static String expected() throws IOException {
        try (InputStream in = GeneratedClientIT.class.getClassLoader().getResourceAsStream(EXPECTED)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    /** A line difference of two directory trees, without line numbers, so that it reads as a list of changes. */
    static final class TreeDiff {

        static String between(Path left, Path right) throws IOException {
            Set<String> files = new TreeSet<>(files(left));
            files.addAll(files(right));
            StringBuilder diff = new StringBuilder();
            for (String file : files) {
                Path a = left.resolve(file);
                Path b = right.resolve(file);
                if (!Files.exists(b)) {
                    diff.append("only in authentik's: ").append(file).append('\n');
                } else if (!Files.exists(a)) {
                    diff.append("only in plexsrc's: ").append(file).append('\n');
                } else {
                    List<String> changes = lines(Files.readAllLines(a), Files.readAllLines(b));
                    if (!changes.isEmpty()) {
                        diff.append("--- ").append(file).append('\n');
                        changes.forEach(line -> diff.append(line).append('\n'));
                    }
                }
            }
            return diff.toString();
        }

        private static List<String> files(Path root) throws IOException {
            try (Stream<Path> paths = Files.walk(root)) {
                return paths.filter(Files::isRegularFile).map(path -> root.relativize(path).toString()).toList();
            }
        }

        /** Removed lines as "-", added as "+", each run of changes opened by "@@" (longest common subsequence). */
        private static List<String> lines(List<String> a, List<String> b) {
            int[][] common = new int[a.size() + 1][b.size() + 1];
            for (int i = a.size() - 1; i >= 0; i--) {
                for (int j = b.size() - 1; j >= 0; j--) {
                    common[i][j] = a.get(i).equals(b.get(j)) ? common[i + 1][j + 1] + 1
                            : Math.max(common[i + 1][j], common[i][j + 1]);
                }
            }
            List<String> changes = new ArrayList<>();
            boolean inRun = false;
            int i = 0;
            int j = 0;
            while (i < a.size() || j < b.size()) {
                if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                    inRun = false;
                    i++;
                    j++;
                    continue;
                }
                if (!inRun) {
                    changes.add("@@");
                    inRun = true;
                }
                if (j < b.size() && (i == a.size() || common[i][j + 1] >= common[i + 1][j])) {
                    changes.add("+" + b.get(j++));
                } else {
                    changes.add("-" + a.get(i++));
                }
            }
            return changes;
        }
    }
}
