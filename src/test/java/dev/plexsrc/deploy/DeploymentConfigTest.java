package dev.plexsrc.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import io.quarkus.runtime.configuration.DurationConverter;

/**
 * The manifests in deploy/ against the application's configuration: every environment variable they
 * set is one the application reads, the secrets it refuses to start without are provided, and the
 * container port and probe paths are the application's. Plain JUnit: no application is started.
 * Runs from the project root (Maven's working directory).
 */
class DeploymentConfigTest {

    private static final Path DEPLOY = Path.of("deploy");
    private static final Path PROPERTIES = Path.of("src/main/resources/application.properties");
    private static final Path CONFIGURATION_DOC = Path.of("docs/configuration.md");
    /** What the process needs after the drain: the HTTP server's and the pool's close, the JVM's exit. */
    private static final Duration EXIT = Duration.ofSeconds(5);

    /** Standard names read by Quarkus or MicroProfile JWT that application.properties need not mention. */
    private static final Set<String> STANDARD = Set.of(
            "MP_JWT_VERIFY_PUBLICKEY", "MP_JWT_VERIFY_PUBLICKEY_LOCATION", "MP_JWT_VERIFY_PUBLICKEY_ALGORITHM",
            "MP_JWT_VERIFY_ISSUER", "MP_JWT_VERIFY_AUDIENCES",
            "QUARKUS_INIT_AND_EXIT", "PLEXSRC_MIGRATE_AT_START", "QUARKUS_DATASOURCE_PASSWORD");

    /** Names Quarkus still reads but logs a deprecation WARN for at every start, with the name that replaces each. */
    private static final Map<String, String> DEPRECATED = Map.of(
            "QUARKUS_LOG_CONSOLE_JSON", "QUARKUS_LOG_CONSOLE_JSON_ENABLED");

    /** Without one of each set the service refuses to start (or cannot reach its database) outside dev/test. */
    private static final List<Set<String>> REQUIRED_SECRETS = List.of(
            Set.of("QUARKUS_DATASOURCE_PASSWORD"),
            Set.of("PLEXSRC_TOKEN_ENCRYPTION_KEY", "PLEXSRC_TOKEN_ENCRYPTION_KEYS"),
            Set.of("MP_JWT_VERIFY_PUBLICKEY"));

    /** The kustomizations that are applied (each must produce the Secret plexsrc-secrets). */
    private static final List<String> DEPLOYABLE = List.of("overlays/dev", "overlays/prod", "knative");

    private static final Yaml YAML = new Yaml(new SafeConstructor(new LoaderOptions()));

    private static Properties properties;
    private static List<YamlFile> manifests;

    record YamlFile(Path path, List<Object> docs) {
    }

    @BeforeAll
    static void load() throws IOException {
        properties = new Properties();
        try (Reader reader = Files.newBufferedReader(PROPERTIES)) {
            properties.load(reader);
        }
        manifests = new ArrayList<>();
        try (Stream<Path> files = Files.walk(DEPLOY)) {
            for (Path file : files.filter(p -> !p.toString().contains("node_modules"))
                    .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted().toList()) {
                List<Object> docs = new ArrayList<>();
                try (Reader reader = Files.newBufferedReader(file)) {
                    YAML.loadAll(reader).forEach(doc -> {
                        if (doc != null) {
                            docs.add(doc);
                        }
                    });
                }
                manifests.add(new YamlFile(file, docs));
            }
        }
        assertTrue(manifests.stream().anyMatch(f -> f.path().endsWith(Path.of("base", "deployment.yaml"))),
                "deploy/base/deployment.yaml not found; is the working directory the project root?");
    }

    @Test
    void everyEnvironmentVariableInTheManifestsIsReadByTheApplication() throws IOException {
        Set<String> known = new TreeSet<>(STANDARD);
        for (String key : properties.stringPropertyNames()) {
            known.add(envName(key.replaceFirst("^%[^.]*\\.", "")));
        }
        Set<String> documented = documentedVariables();
        assertFalse(documented.isEmpty(), "no variables found in docs/configuration.md's table");
        known.addAll(documented);

        Map<String, Set<String>> used = environmentVariables();
        assertFalse(used.isEmpty(), "no environment variables found under deploy/");
        Map<String, Set<String>> unknown = new TreeMap<>(used);
        unknown.keySet().removeAll(known);
        assertTrue(unknown.isEmpty(), () -> "environment variables the application does not read "
                + "(not in application.properties, docs/configuration.md or the standard names): " + unknown);
    }

    @Test
    void noManifestSetsANameQuarkusHasDeprecated() throws IOException {
        Map<String, Set<String>> deprecated = new TreeMap<>(environmentVariables());
        deprecated.keySet().retainAll(DEPRECATED.keySet());
        assertTrue(deprecated.isEmpty(), () -> "deprecated names (replacements: " + DEPRECATED + ") set in " + deprecated);
    }

    @Test
    void everyDeployableKustomizationProvidesTheRequiredSecrets() throws IOException {
        for (String dir : DEPLOYABLE) {
            Path kustomization = DEPLOY.resolve(dir).resolve("kustomization.yaml");
            Map<String, Object> doc = map(single(kustomization));
            Set<String> secretKeys = new TreeSet<>();
            for (Object generator : list(doc.get("secretGenerator"))) {
                if ("plexsrc-secrets".equals(map(generator).get("name"))) {
                    secretKeys.addAll(generatorKeys(kustomization.getParent(), map(generator)));
                }
            }
            for (Set<String> required : REQUIRED_SECRETS) {
                assertFalse(Collections.disjoint(required, secretKeys),
                        () -> dir + ": Secret plexsrc-secrets lacks " + String.join(" or ", new TreeSet<>(required)));
            }
        }
    }

    @Test
    void migrationJobMigratesThenReencryptsAndExits() {
        Map<String, Object> job = resource("batch/v1", "Job", "plexsrc-migrate");
        Map<String, String> env = new TreeMap<>();
        for (Object var : list(firstContainer(job).get("env"))) {
            env.put((String) map(var).get("name"), String.valueOf(map(var).get("value")));
        }
        assertEquals("true", env.get("QUARKUS_INIT_AND_EXIT"), "env " + env);
        // The re-encryption runs right after the migrations, so it needs them on.
        assertEquals("true", env.get("PLEXSRC_MIGRATE_AT_START"), "env " + env);
        assertEquals("true", env.get("PLEXSRC_TOKEN_ENCRYPTION_REENCRYPT_AT_START"), "env " + env);
    }

    @Test
    void deploymentServesOnTheApplicationPortWithTheHealthProbes() {
        int port = Integer.parseInt(properties.getProperty("quarkus.http.port"));
        Map<String, Object> deployment = resource("apps/v1", "Deployment", "plexsrc");
        Map<String, Object> container = firstContainer(deployment);

        Map<String, Object> http = list(container.get("ports")).stream().map(DeploymentConfigTest::map)
                .filter(p -> "http".equals(p.get("name"))).findFirst().orElse(null);
        assertNotNull(http, "the Deployment's container has no port named http");
        assertEquals(port, http.get("containerPort"), "containerPort vs quarkus.http.port");

        assertEquals("/q/health/live", probePath(container, "livenessProbe"));
        assertEquals("/q/health/ready", probePath(container, "readinessProbe"));
        String startup = probePath(container, "startupProbe");
        assertTrue(startup == null || startup.equals("/q/health/live") || startup.equals("/q/health/started"),
                "startupProbe path: " + startup);
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            Object probePort = container.get(probe) == null ? null
                    : map(map(map(container.get(probe)).get("httpGet"))).get("port");
            assertTrue(probePort == null || "http".equals(probePort) || Integer.valueOf(port).equals(probePort),
                    probe + " port: " + probePort);
        }

        Set<String> envFrom = new TreeSet<>();
        for (Object source : list(container.get("envFrom"))) {
            for (String ref : List.of("configMapRef", "secretRef")) {
                if (map(map(source).get(ref)).get("name") instanceof String name) {
                    envFrom.add(name);
                }
            }
        }
        assertTrue(envFrom.containsAll(Set.of("plexsrc-config", "plexsrc-secrets")), "envFrom: " + envFrom);

        Map<String, Object> service = resource("v1", "Service", "plexsrc");
        Object targetPort = map(list(map(service.get("spec")).get("ports")).get(0)).get("targetPort");
        assertTrue("http".equals(targetPort) || Integer.valueOf(port).equals(targetPort),
                "Service targetPort: " + targetPort);
    }

    @Test
    void knativeServiceServesOnTheApplicationPortWithReadinessAndNoStartupProbe() {
        int port = Integer.parseInt(properties.getProperty("quarkus.http.port"));
        Map<String, Object> service = resource("serving.knative.dev/v1", "Service", "plexsrc");
        Map<String, Object> container = firstContainer(service);
        assertEquals(port, map(list(container.get("ports")).get(0)).get("containerPort"));
        assertEquals("/q/health/ready", probePath(container, "readinessProbe"));
        assertEquals("/q/health/live", probePath(container, "livenessProbe"));
        assertNull(container.get("startupProbe"), "Knative Service must not have a startupProbe");
        Map<String, Object> annotations = map(map(map(map(service.get("spec")).get("template")).get("metadata"))
                .get("annotations"));
        assertEquals("0", annotations.get("autoscaling.knative.dev/min-scale"));
    }

    @Test
    void shutdownFitsTheReadinessProbeAndTheGracePeriod() throws IOException {
        Duration delay = shutdownSetting("plexsrc.shutdown.delay", true);
        Duration timeout = shutdownSetting("plexsrc.shutdown.timeout", false);
        Map<String, Object> podSpec = map(map(map(resource("apps/v1", "Deployment", "plexsrc").get("spec"))
                .get("template")).get("spec"));
        Map<String, Object> readiness = map(firstContainer(resource("apps/v1", "Deployment", "plexsrc"))
                .get("readinessProbe"));

        // Kubernetes' defaults when a field is left out: 10 s period, 3 failures, 30 s grace.
        long noticedWithin = ((Number) readiness.getOrDefault("periodSeconds", 10)).longValue()
                * ((Number) readiness.getOrDefault("failureThreshold", 3)).longValue();
        assertTrue(noticedWithin <= delay.toSeconds(), "the readiness probe notices DOWN only after "
                + noticedWithin + " s, after the " + delay.toSeconds() + " s of PLEXSRC_SHUTDOWN_DELAY");
        long grace = ((Number) podSpec.getOrDefault("terminationGracePeriodSeconds", 30)).longValue();
        long needed = delay.plus(timeout).plus(EXIT).toSeconds();
        assertTrue(grace >= needed, "terminationGracePeriodSeconds " + grace + " < delay + timeout + "
                + EXIT.toSeconds() + " s to exit = " + needed);
    }

    @Test
    void httpPortSettingMatchesTheContainerPort() throws IOException {
        // If a ConfigMap sets QUARKUS_HTTP_PORT, it must be the port the manifests expose.
        String port = properties.getProperty("quarkus.http.port");
        for (Map.Entry<String, String> literal : configLiterals().entrySet()) {
            if (literal.getKey().endsWith(" QUARKUS_HTTP_PORT")) {
                assertEquals(port, literal.getValue(), literal.getKey());
            }
        }
    }

    /**
     * A shutdown duration as the pods get it: application.properties, unless a manifest sets it; the
     * shortest one when {@code shortest} (the delay the probe must fit in), else the longest.
     */
    private static Duration shutdownSetting(String property, boolean shortest) throws IOException {
        List<Duration> values = new ArrayList<>(List.of(DurationConverter.parseDuration(properties.getProperty(property))));
        for (Map.Entry<String, String> literal : configLiterals().entrySet()) {
            if (literal.getKey().endsWith(" " + envName(property))) {
                values.add(DurationConverter.parseDuration(literal.getValue()));
            }
        }
        return shortest ? Collections.min(values) : Collections.max(values);
    }

    // --- environment variables set by the manifests -----------------------------------------------

    /** Variable name -> files that set it: container env, generator literals/env files/files, ConfigMap data. */
    private static Map<String, Set<String>> environmentVariables() throws IOException {
        Map<String, Set<String>> names = new TreeMap<>();
        for (YamlFile file : manifests) {
            for (Object doc : file.docs()) {
                Set<String> found = new TreeSet<>();
                collectEnvNames(doc, found);
                if (doc instanceof Map<?, ?> m) {
                    Map<String, Object> resource = map(m);
                    if ("Kustomization".equals(resource.get("kind"))) {
                        for (String key : List.of("configMapGenerator", "secretGenerator")) {
                            for (Object generator : list(resource.get(key))) {
                                found.addAll(generatorKeys(file.path().getParent(), map(generator)));
                            }
                        }
                    }
                    if ("ConfigMap".equals(resource.get("kind")) || "Secret".equals(resource.get("kind"))) {
                        found.addAll(map(resource.get("data")).keySet());
                        found.addAll(map(resource.get("stringData")).keySet());
                    }
                }
                for (String name : found) {
                    names.computeIfAbsent(name, n -> new TreeSet<>()).add(file.path().toString());
                }
            }
        }
        return names;
    }

    /** Every {@code env: [{name: ...}]} anywhere in the tree, including inline kustomize patches. */
    private static void collectEnvNames(Object node, Set<String> found) {
        if (node instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if ("env".equals(e.getKey()) && e.getValue() instanceof List<?> env) {
                    for (Object var : env) {
                        if (var instanceof Map<?, ?> v && v.get("name") instanceof String name) {
                            found.add(name);
                        }
                    }
                } else if ("patch".equals(e.getKey()) && e.getValue() instanceof String patch) {
                    YAML.loadAll(patch).forEach(doc -> collectEnvNames(doc, found));
                } else {
                    collectEnvNames(e.getValue(), found);
                }
            }
        } else if (node instanceof List<?> l) {
            l.forEach(item -> collectEnvNames(item, found));
        }
    }

    /** The keys a configMapGenerator/secretGenerator entry produces. */
    private static Set<String> generatorKeys(Path dir, Map<String, Object> generator) throws IOException {
        Set<String> keys = new TreeSet<>();
        for (Object literal : list(generator.get("literals"))) {
            keys.add(literal.toString().split("=", 2)[0]);
        }
        for (Object file : list(generator.get("files"))) {
            String spec = file.toString();
            keys.add(spec.contains("=") ? spec.split("=", 2)[0] : Path.of(spec).getFileName().toString());
        }
        for (Object envFile : list(generator.get("envs"))) {
            keys.addAll(envFileValues(dir.resolve(envFile.toString())).keySet());
        }
        return keys;
    }

    /** "file KEY" -> value of every configMapGenerator literal and env file line, for consistency checks. */
    private static Map<String, String> configLiterals() throws IOException {
        Map<String, String> values = new TreeMap<>();
        for (YamlFile file : manifests) {
            for (Object doc : file.docs()) {
                Map<String, Object> resource = map(doc);
                if (!"Kustomization".equals(resource.get("kind"))) {
                    continue;
                }
                for (Object generator : list(resource.get("configMapGenerator"))) {
                    for (Object literal : list(map(generator).get("literals"))) {
                        String[] kv = literal.toString().split("=", 2);
                        values.put(file.path() + " " + kv[0], kv.length > 1 ? kv[1] : "");
                    }
                    for (Object envFile : list(map(generator).get("envs"))) {
                        envFileValues(file.path().getParent().resolve(envFile.toString()))
                                .forEach((k, v) -> values.put(file.path() + " " + k, v));
                    }
                }
            }
        }
        return values;
    }

    private static Map<String, String> envFileValues(Path envFile) throws IOException {
        assertTrue(Files.isRegularFile(envFile), "env file not found: " + envFile);
        Map<String, String> values = new TreeMap<>();
        for (String line : Files.readAllLines(envFile)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] kv = trimmed.split("=", 2);
            values.put(kv[0].strip(), kv.length > 1 ? kv[1] : "");
        }
        return values;
    }

    // --- the application's side -------------------------------------------------------------------

    /** MicroProfile Config's environment variable form of a property name. */
    static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** The backticked first column of docs/configuration.md's table. */
    private static Set<String> documentedVariables() throws IOException {
        Set<String> names = new TreeSet<>();
        Pattern row = Pattern.compile("^\\|\\s*`([A-Z0-9_]+)`\\s*\\|");
        for (String line : Files.readAllLines(CONFIGURATION_DOC)) {
            Matcher m = row.matcher(line);
            if (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    // --- YAML helpers -------------------------------------------------------------------------------

    private static Map<String, Object> resource(String apiVersion, String kind, String name) {
        for (YamlFile file : manifests) {
            for (Object doc : file.docs()) {
                Map<String, Object> r = map(doc);
                if (apiVersion.equals(r.get("apiVersion")) && kind.equals(r.get("kind"))
                        && name.equals(map(r.get("metadata")).get("name"))) {
                    return r;
                }
            }
        }
        throw new AssertionError("no " + apiVersion + " " + kind + " " + name + " under deploy/");
    }

    private static Map<String, Object> firstContainer(Map<String, Object> workload) {
        Map<String, Object> podSpec = map(map(map(workload.get("spec")).get("template")).get("spec"));
        List<Object> containers = list(podSpec.get("containers"));
        assertFalse(containers.isEmpty(), "no containers");
        return map(containers.get(0));
    }

    private static String probePath(Map<String, Object> container, String probe) {
        Object p = container.get(probe);
        return p == null ? null : (String) map(map(p).get("httpGet")).get("path");
    }

    private static Object single(Path file) {
        return manifests.stream().filter(f -> f.path().equals(file)).findFirst()
                .orElseThrow(() -> new AssertionError("not found: " + file)).docs().get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return o instanceof List<?> l ? (List<Object>) l : List.of();
    }
}
