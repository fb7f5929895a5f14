package edu.studentrecords.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares the deployment files with what the build produces and names; each difference is one problem, worded so
 * that it says what to change. No problem means no drift.
 */
final class DriftCheck {

    private static final String KEYCLOAK_IMAGE = "quay.io/keycloak/keycloak";
    private static final String MAX_BODY_SIZE = "QUARKUS_HTTP_LIMITS_MAX_BODY_SIZE";
    private static final Pattern ARG = Pattern.compile("(?m)^ARG\\s+(\\w+)=(\\S+)\\s*$");
    private static final Pattern OPERATOR_RESOURCES = Pattern.compile("keycloak-k8s-resources/([^/\\s]+)/");

    private final BuildFacts build;
    private final List<String> problems = new ArrayList<>();

    private DriftCheck(BuildFacts build) {
        this.build = build;
    }

    static List<String> problems(BuildFacts build, Manifests manifests) {
        DriftCheck check = new DriftCheck(build);
        String databaseVendor = check.dockerfile(manifests.dockerfile(), manifests.dockerignore());
        check.compose(manifests.compose());
        check.kubernetes(manifests.kubernetes(), databaseVendor);
        check.kubernetesReadme(manifests.kubernetesReadme());
        return check.problems;
    }

    /** The options of {@code kc.sh build} in the production mode of the run command: the image builds the same. */
    private Set<String> runScriptBuildOptions() {
        try {
            for (String line : java.nio.file.Files.readAllLines(build.repositoryRoot().resolve("deploy/production.sh"))) {
                if (line.contains("kc.sh\" build")) {
                    Set<String> options = new HashSet<>();
                    for (String word : line.trim().split("\\s+")) {
                        if (word.startsWith("--")) {
                            options.add(word);
                        }
                    }
                    return options;
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        throw new AssertionError("deploy/production.sh runs no kc.sh build");
    }

    /** Checks the Dockerfile; returns the database vendor it builds Keycloak for. */
    private String dockerfile(String text, String dockerignore) {
        Map<String, String> args = new HashMap<>();
        Matcher arg = ARG.matcher(text);
        while (arg.find()) {
            args.put(arg.group(1), arg.group(2));
        }
        expect("Dockerfile: ARG KEYCLOAK_VERSION", args.get("KEYCLOAK_VERSION"), build.keycloakVersion());
        expect("Dockerfile: ARG PRODUCT_VERSION", args.get("PRODUCT_VERSION"), build.projectVersion());
        String vendor = null;
        int froms = 0;
        Set<String> copied = new HashSet<>();
        for (String line : instructions(text)) {
            String[] words = substitute(line, args).split("\\s+");
            switch (words[0]) {
                case "FROM" -> {
                    froms++;
                    expect("Dockerfile: FROM", words[1], KEYCLOAK_IMAGE + ":" + build.keycloakVersion());
                }
                case "COPY" -> {
                    List<String> sources = new ArrayList<>();
                    boolean fromStage = false;
                    for (int i = 1; i < words.length - 1; i++) {
                        if (words[i].startsWith("--from=")) {
                            fromStage = true;
                        } else if (!words[i].startsWith("--")) {
                            sources.add(words[i]);
                        }
                    }
                    if (!fromStage) {
                        sources.forEach(source -> copySource(source, dockerignore));
                        copied.addAll(sources);
                    }
                }
                case "RUN" -> {
                    if (line.contains("kc.sh build")) {
                        Set<String> options = new HashSet<>();
                        for (String word : words) {
                            if (word.startsWith("--")) {
                                options.add(word);
                                if (word.startsWith("--db=")) {
                                    vendor = word.substring("--db=".length());
                                }
                            }
                        }
                        expect("Dockerfile: the options of kc.sh build (as deploy/production.sh builds)", options,
                                runScriptBuildOptions());
                    }
                }
                case "ENV" -> {
                    for (int i = 1; i < words.length; i++) {
                        String[] pair = words[i].split("=", 2);
                        environmentVariable("Dockerfile: ENV", pair[0], pair.length > 1 ? pair[1] : "");
                    }
                }
                default -> {
                }
            }
        }
        if (froms != 2) {
            problems.add("Dockerfile: expected a build stage and a runtime stage (two FROM), found " + froms);
        }
        if (vendor == null) {
            problems.add("Dockerfile: no RUN /opt/keycloak/bin/kc.sh build");
        }
        if (!text.contains("ENV " + MAX_BODY_SIZE + "=")) {
            problems.add("Dockerfile: no ENV " + MAX_BODY_SIZE + "=" + build.maxBodySize());
        }
        for (String needed : List.of("keycloak-extension/target/providers/",
                "themes/target/student-records-themes-" + build.projectVersion() + ".jar")) {
            if (!copied.contains(needed)) {
                problems.add("Dockerfile: does not copy " + needed + " into providers/");
            }
        }
        return vendor;
    }

    private void copySource(String source, String dockerignore) {
        Path path = build.repositoryRoot().resolve(source);
        if (!Files.exists(path)) {
            problems.add("Dockerfile: COPY " + source + ": the build produces no such file (build first; or the name"
                    + " drifted from the build's)");
            return;
        }
        if (Files.isDirectory(path)) {
            String extensionJar = "keycloak-extension-" + build.projectVersion() + ".jar";
            if (source.startsWith("keycloak-extension/") && !Files.exists(path.resolve(extensionJar))) {
                problems.add("Dockerfile: COPY " + source + " holds no " + extensionJar);
            }
        }
        if (!letThrough(source, dockerignore)) {
            problems.add("Dockerfile.dockerignore: leaves " + source + " out of the build context");
        }
    }

    private static boolean letThrough(String source, String dockerignore) {
        boolean included = true;
        String candidate = strip(source);
        for (String line : dockerignore.split("\n")) {
            String pattern = line.strip();
            if (pattern.isEmpty() || pattern.startsWith("#")) {
                continue;
            }
            boolean negated = pattern.startsWith("!");
            String glob = strip(negated ? pattern.substring(1) : pattern);
            if (FileSystems.getDefault().getPathMatcher("glob:" + glob).matches(Path.of(candidate))) {
                included = negated;
            }
        }
        return included;
    }

    private static String strip(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private void compose(JsonNode compose) {
        int nodes = 0;
        int mongoMembers = 0;
        for (var service : iterable(compose.path("services").fields())) {
            String name = "compose.yaml: service " + service.getKey();
            JsonNode spec = service.getValue();
            String image = spec.path("image").asText("");
            image(name, image);
            JsonNode buildArgs = spec.path("build").path("args");
            if (!spec.path("build").isMissingNode()) {
                expect(name + ": build arg KEYCLOAK_VERSION", buildArgs.path("KEYCLOAK_VERSION").asText(null),
                        build.keycloakVersion());
                expect(name + ": build arg PRODUCT_VERSION", buildArgs.path("PRODUCT_VERSION").asText(null),
                        build.projectVersion());
                expect(name + ": build dockerfile", spec.path("build").path("dockerfile").asText(null),
                        "deploy/container/Dockerfile");
            }
            if (image.startsWith("mongo:") && spec.path("command").toString().contains("--replSet")) {
                mongoMembers++;
            }
            JsonNode environment = spec.path("environment");
            if (environment.has("KC_DB_URL")) {
                nodes++;
                Map<String, String> options = new HashMap<>();
                for (var variable : iterable(environment.fields())) {
                    String key = variable.getKey().startsWith("FILE__")
                            ? variable.getKey().substring("FILE__".length()) : variable.getKey();
                    String option = environmentVariable(name + ": environment", key, variable.getValue().asText());
                    if (option != null) {
                        options.put(option, variable.getValue().asText());
                    }
                }
                requiredOptions(name, options);
                if (!environment.path("KC_DB_URL").asText().startsWith("jdbc:postgresql:")) {
                    problems.add(name + ": KC_DB_URL is not a PostgreSQL URL, but the image is built with --db=postgres");
                }
                if (!spec.path("command").toString().contains("--optimized")) {
                    problems.add(name + ": Keycloak must start with start --optimized (the image is built)");
                }
            }
        }
        if (nodes != 2) {
            problems.add("compose.yaml: expected two Keycloak nodes, found " + nodes);
        }
        if (mongoMembers != 3) {
            problems.add("compose.yaml: expected a three-member MongoDB replica set, found " + mongoMembers + " members");
        }
    }

    private void kubernetes(List<JsonNode> documents, String databaseVendor) {
        int keycloaks = 0;
        for (JsonNode document : documents) {
            String name = "kubernetes: " + document.path("kind").asText() + " " + document.path("metadata").path("name").asText();
            for (JsonNode image : document.findValues("image")) {
                if (image.isTextual()) {
                    image(name, image.asText());
                }
            }
            if (!document.path("kind").asText().equals("Keycloak")) {
                continue;
            }
            keycloaks++;
            JsonNode spec = document.path("spec");
            expect(name + ": apiVersion", document.path("apiVersion").asText(), "k8s.keycloak.org/v2beta1");
            expect(name + ": spec.image", spec.path("image").asText(null), build.taggedImage());
            expect(name + ": spec.startOptimized", spec.path("startOptimized").asText(null), "true");
            expect(name + ": spec.db.vendor (the image's --db)", spec.path("db").path("vendor").asText(null),
                    databaseVendor);
            Map<String, String> options = new HashMap<>();
            for (JsonNode option : Manifests.array(spec.path("additionalOptions"))) {
                String optionName = option.path("name").asText();
                if (optionName.startsWith("spi-") && !optionName.startsWith(build.optionPrefix())
                        && optionName.contains("student-records")) {
                    problems.add(name + ": additional option " + optionName + " does not start with "
                            + build.optionPrefix());
                } else if (optionName.startsWith(build.optionPrefix())) {
                    String declared = optionName.substring(build.optionPrefix().length());
                    declared(name + ": additional option " + optionName, declared);
                    options.put(declared, option.has("secret") ? "(secret)" : option.path("value").asText());
                }
            }
            requiredOptions(name, options);
        }
        if (keycloaks != 1) {
            problems.add("kubernetes: expected one Keycloak resource, found " + keycloaks);
        }
    }

    private void kubernetesReadme(String text) {
        Matcher matcher = OPERATOR_RESOURCES.matcher(text);
        int found = 0;
        while (matcher.find()) {
            found++;
            expect("deploy/kubernetes/README.md: the Keycloak Operator's version", matcher.group(1),
                    build.keycloakVersion());
        }
        if (found == 0) {
            problems.add("deploy/kubernetes/README.md: does not say how to install the Keycloak Operator "
                    + build.keycloakVersion() + " (keycloak-k8s-resources/" + build.keycloakVersion() + "/...)");
        }
    }

    /** Checks one environment variable; returns the extension option it sets, or null for any other variable. */
    private String environmentVariable(String where, String variable, String value) {
        if (variable.equals(MAX_BODY_SIZE)) {
            expect(where + " " + MAX_BODY_SIZE, value, build.maxBodySize());
        }
        if (variable.startsWith("KC_SPI_") && variable.contains("STUDENT_RECORDS")
                && !variable.startsWith(build.environmentPrefix())) {
            problems.add(where + " " + variable + " does not start with " + build.environmentPrefix());
            return null;
        }
        String option = build.optionOfVariable(variable);
        if (option != null) {
            declared(where + " " + variable, option);
            if (option.equals("generate-keys")) {
                expect(where + " " + variable, value, "false");
            }
        }
        return option;
    }

    private void declared(String where, String option) {
        if (!build.optionNames().contains(option)) {
            problems.add(where + ": the extension declares no option " + option + " (it declares "
                    + build.optionNames() + ")");
        }
    }

    private void requiredOptions(String where, Map<String, String> options) {
        for (String required : BuildFacts.REQUIRED_OPTIONS) {
            if (!options.containsKey(required)) {
                problems.add(where + ": sets no " + build.optionPrefix() + required);
            }
        }
        if (options.containsKey("generate-keys")) {
            expect(where + ": generate-keys", options.get("generate-keys"), "false");
        }
    }

    private void image(String where, String image) {
        if (image.startsWith("mongo:")) {
            expect(where + ": image", image, "mongo:" + build.mongodbVersion());
        } else if (image.startsWith("postgres:")) {
            expect(where + ": image", image, "postgres:" + build.postgresqlVersion());
        } else if (image.startsWith(build.image() + ":") || image.contains("/" + build.image() + ":")) {
            expect(where + ": image", image.substring(image.lastIndexOf('/') + 1), build.taggedImage());
        } else if (image.startsWith(KEYCLOAK_IMAGE)) {
            expect(where + ": image", image, KEYCLOAK_IMAGE + ":" + build.keycloakVersion());
        } else if (!image.isEmpty()) {
            problems.add(where + ": image " + image + " is none the build knows");
        }
    }

    private void expect(String what, Object actual, Object expected) {
        if (!expected.equals(actual)) {
            problems.add(what + " is " + actual + ", the build's is " + expected);
        }
    }

    // The Dockerfile's instructions, continuation lines joined, comments left out.
    private static List<String> instructions(String text) {
        List<String> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || trimmed.isEmpty() && current.length() == 0) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            instructions.add(current.toString().strip());
            current.setLength(0);
        }
        return instructions;
    }

    private static String substitute(String line, Map<String, String> args) {
        String result = line;
        for (Map.Entry<String, String> arg : args.entrySet()) {
            result = result.replace("${" + arg.getKey() + "}", arg.getValue()).replace("$" + arg.getKey(), arg.getValue());
        }
        return result;
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> iterator) {
        return () -> iterator;
    }
}
