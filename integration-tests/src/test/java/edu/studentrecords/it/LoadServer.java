package edu.studentrecords.it;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A server a load test runs against, started as a school starts it on one machine: the product by the README's
 * command ({@code deploy/run.sh}, development mode: the record store, Keycloak with the extension, the demo realm),
 * or the same Keycloak distribution without the extension, with the same demo realm, for the baseline. Stopped, with
 * every process it started, by {@link #close()}.
 */
final class LoadServer implements AutoCloseable {

    static final String KEYCLOAK_VERSION = "26.7.0";
    private static final Duration START = Duration.ofMinutes(15);

    final String name;
    final String base;
    final Path log;
    private final Process process;

    private LoadServer(String name, String base, Path log, Process process) {
        this.name = name;
        this.base = base;
        this.log = log;
        this.process = process;
    }

    /** The product: {@code deploy/run.sh --no-build} on {@code data} (wiped first when {@code reset}). */
    static LoadServer product(Path root, Path data, int port, int storePort, boolean reset, Map<String, String> env)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(root.resolve("deploy/run.sh").toString(), "--no-build",
            "--port", Integer.toString(port), "--store-port", Integer.toString(storePort), "--data", data.toString()));
        if (reset) {
            command.add("--reset");
        }
        Files.createDirectories(data);
        Path out = data.getParent().resolve(data.getFileName() + "-run.out");
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
            .redirectOutput(out.toFile());
        builder.environment().putAll(env);
        LoadServer server = new LoadServer("with the extension", "http://localhost:" + port, out, builder.start());
        server.awaitReady();
        return server;
    }

    /**
     * The same Keycloak distribution (the archive {@code run.sh} fetched) unpacked into {@code home}'s parent with an
     * empty {@code providers/}, started in development mode as {@code run.sh} starts it, importing the demo realm that
     * {@code run.sh} imports (made by the same generator), except for the account theme, which is the extension's.
     */
    static LoadServer plain(Path root, Path dir, int port, Map<String, String> env) throws IOException, InterruptedException {
        Path home = dir.resolve("keycloak-" + KEYCLOAK_VERSION);
        boolean first = !Files.exists(dir.resolve("realm-imported"));
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            Files.createDirectories(dir);
            Path zip = root.resolve("deploy/target/dist/keycloak-quarkus-dist-" + KEYCLOAK_VERSION + ".zip");
            exec(dir, "jar", "xf", zip.toString());
            exec(dir, "chmod", "+x", home.resolve("bin/kc.sh").toString());
        }
        if (first) {
            Path realm = home.resolve("data/import/campus-realm.json");
            exec(root, "java", "-jar", root.resolve("deploy/demo-campus/target/demo-campus-0.1.0-SNAPSHOT.jar").toString(),
                "realm", "--out", realm.toString());
            ObjectNode json = (ObjectNode) Api.JSON.readTree(realm.toFile());
            json.remove("accountTheme");
            Api.JSON.writeValue(realm.toFile(), json);
        }
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
            "--http-port=" + port, "--http-management-port=" + (port + 920),
            // Theme caches on, as run.sh has them.
            "--spi-theme--cache-themes=true", "--spi-theme--cache-templates=true",
            "--spi-theme--static-max-age=2592000"));
        if (first) {
            command.add("--import-realm");
        }
        Path out = dir.resolve("keycloak.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
            .redirectOutput(out.toFile());
        builder.environment().putAll(env);
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
        builder.environment().put("QUARKUS_HTTP_LIMITS_MAX_BODY_SIZE", "32M");
        LoadServer server = new LoadServer("without the extension", "http://localhost:" + port, out, builder.start());
        server.awaitReady();
        Files.writeString(dir.resolve("realm-imported"), "");
        return server;
    }

    private static void exec(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
    }

    private void awaitReady() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + START.toNanos();
        URI wellKnown = URI.create(base + "/realms/campus/.well-known/openid-configuration");
        while (true) {
            try {
                if (http.send(HttpRequest.newBuilder(wellKnown).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                List<String> lines = Files.readAllLines(log);
                throw new AssertionError(name + " did not start:\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
            }
            Thread.sleep(1000);
        }
    }

    /** The Keycloak JVM of this server. */
    ProcessHandle keycloak() {
        return javaProcess("io.quarkus").orElseThrow(() -> new AssertionError("no Keycloak JVM under " + name));
    }

    /** The record store's JVM, if this server has one. */
    Optional<ProcessHandle> store() {
        return javaProcess("embedded-store");
    }

    private Optional<ProcessHandle> javaProcess(String marker) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(process.toHandle()), process.descendants()).filter(p -> p.info().commandLine().map(line -> line.contains(marker)).orElse(false))
            .filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false)).findFirst();
    }

    /** CPU time used so far by this server's processes (Keycloak and, for the product, the record store). */
    Duration cpu() {
        Duration total = Duration.ZERO;
        for (ProcessHandle p : java.util.stream.Stream.concat(java.util.stream.Stream.of(process.toHandle()),
                process.descendants()).toList()) {
            total = total.plus(p.info().totalCpuDuration().orElse(Duration.ZERO));
        }
        return total;
    }

    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        // run.sh stops Keycloak and then the store (which flushes) on TERM; kc.sh passes TERM to Keycloak.
        process.destroy();
        if (!process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        for (ProcessHandle child : children) {
            child.destroy();
            child.onExit().completeOnTimeout(child, 60, java.util.concurrent.TimeUnit.SECONDS).join();
        }
    }
}
