package edu.studentrecords.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The product as a school runs it, started by the README's command in production mode ({@code deploy/run.sh
 * --production --nodes N --demo}): PostgreSQL, HTTPS with the certificate it generates, clustered Keycloak nodes, the
 * record store, the demo realm. Started on ports apart from the test framework's server; stopped (and every process
 * it started with it) by {@link #close()}.
 */
final class ProductionCluster implements AutoCloseable {

    static final int FIRST_PORT = 8643;
    static final int FIRST_MANAGEMENT_PORT = FIRST_PORT + 557;
    static final int STORE_PORT = 27517;
    static final int DB_PORT = 5533;
    private static final Duration START = Duration.ofMinutes(10);
    private static final Pattern NODE = Pattern.compile("Node (\\d+): https://localhost:(\\d+) .*\\(pid (\\d+)\\)");
    private static final Pattern PASSWORD = Pattern.compile("^\\s+password: (\\S+)$");

    private final Process run;
    private final Path data;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final List<Long> nodePids = new ArrayList<>();
    /** The record store's command line and working folder, as the run started it; known once it was killed. */
    private List<String> storeCommand;
    private Path storeFolder;
    /** The record store started again by {@link #restartStore()}, which the run does not know of. */
    private Process restartedStore;
    private String adminPassword;
    private SSLContext tls;
    private HttpClient http;

    private ProductionCluster(Process run, Path data) {
        this.run = run;
        this.data = data;
    }

    /** Starts {@code nodes} nodes on a fresh data folder, with the extra environment {@code env}. */
    static ProductionCluster start(int nodes, Map<String, String> env) throws IOException, InterruptedException {
        Path root = Path.of("").toAbsolutePath().getParent();
        Path data = Files.createTempDirectory("student-records-production");
        ProcessBuilder builder = new ProcessBuilder(root.resolve("deploy/run.sh").toString(), "--production",
                "--nodes", Integer.toString(nodes), "--demo", "--no-build", "--data", data.toString(),
                "--port", Integer.toString(FIRST_PORT), "--store-port", Integer.toString(STORE_PORT),
                "--db-port", Integer.toString(DB_PORT))
                .directory(root.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        ProductionCluster cluster = new ProductionCluster(builder.start(), data);
        cluster.awaitReady(nodes);
        return cluster;
    }

    private void awaitReady(int nodes) throws IOException, InterruptedException {
        Thread reader = new Thread(() -> readOutput(run.getInputStream()), "production-run-output");
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + START.toNanos();
        while (output.stream().noneMatch(line -> line.startsWith("Ready in"))
                || output.stream().noneMatch(line -> line.startsWith("  Data: "))) {
            if (!run.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("deploy/run.sh --production did not report ready:\n" + String.join("\n", output)
                        + "\n" + logTail());
            }
            Thread.sleep(500);
        }
        for (String line : output) {
            Matcher node = NODE.matcher(line.trim());
            if (node.find()) {
                nodePids.add(Long.parseLong(node.group(3)));
            }
            Matcher password = PASSWORD.matcher(line);
            if (password.find()) {
                adminPassword = password.group(1);
            }
        }
        if (nodePids.size() != nodes) {
            throw new AssertionError("expected " + nodes + " nodes in:\n" + String.join("\n", output));
        }
        tls = trusting(data.resolve("tls/server.crt"));
        http = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    private void readOutput(InputStream in) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.add(line);
            }
        } catch (IOException e) {
            output.add("(output closed: " + e.getClass().getSimpleName() + ")");
        }
    }

    private String logTail() {
        try {
            Path log = data.resolve("logs/keycloak-1.log");
            if (!Files.exists(log)) {
                return "";
            }
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    /** TLS that trusts the certificate the run generated, and nothing else. */
    private static SSLContext trusting(Path certificate) {
        try (InputStream in = Files.newInputStream(certificate)) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("product", CertificateFactory.getInstance("X.509").generateCertificate(in));
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, factory.getTrustManagers(), null);
            return tls;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    HttpClient http() {
        return http;
    }

    /** Sign-ins at the campus realm, through the hostname every node issues tokens for. */
    PasswordLogin login() {
        return new PasswordLogin(hostname() + "/realms/campus", tls);
    }

    /** The base URL of node {@code n} (from 1). */
    String node(int n) {
        return "https://localhost:" + (FIRST_PORT + n - 1);
    }

    /** The management interface (health, metrics) of node {@code n}. */
    String management(int n) {
        return "https://localhost:" + (FIRST_MANAGEMENT_PORT + n - 1);
    }

    /** The campus realm's API through node {@code n}. */
    Api api(int n) {
        return new Api(node(n) + "/realms/campus", http);
    }

    /** The URL in tokens and links: node 1's, as every node is told. */
    String hostname() {
        return node(1);
    }

    long pid(int n) {
        return nodePids.get(n - 1);
    }

    /** The master realm's first administrator's password, as the run printed it once. */
    String adminPassword() {
        return adminPassword;
    }

    Path data() {
        return data;
    }

    List<String> output() {
        return List.copyOf(output);
    }

    /** Kills node {@code n} as a crash would (SIGKILL: its start script and the JVM it runs), and waits until gone. */
    void kill(int n) {
        ProcessHandle node = ProcessHandle.of(pid(n)).orElseThrow(() -> new AssertionError("node " + n + " is gone"));
        List<ProcessHandle> processes = new ArrayList<>(node.descendants().toList());
        processes.add(node);
        processes.forEach(ProcessHandle::destroyForcibly);
        processes.forEach(process -> process.onExit().join());
    }

    /** Kills the record store process as a crash would. */
    void killStore() {
        ProcessHandle store = run.descendants().filter(process -> process.info().commandLine()
                .map(line -> line.contains("embedded-store")).orElse(false)).findFirst()
                .orElseThrow(() -> new AssertionError("no record store process"));
        storeCommand = new ArrayList<>();
        storeCommand.add(store.info().command()
                .orElseThrow(() -> new AssertionError("the store's command is unknown")));
        storeCommand.addAll(List.of(store.info().arguments()
                .orElseThrow(() -> new AssertionError("the store's arguments are unknown"))));
        try {
            storeFolder = Files.readSymbolicLink(Path.of("/proc", Long.toString(store.pid()), "cwd"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        store.destroyForcibly();
        store.onExit().join();
    }

    /**
     * Starts the killed record store again as its operator would: the same command on the same port and data folder
     * (its output in {@code store-restarted.log} of the data folder). Stopped by {@link #close()}.
     */
    void restartStore() throws IOException {
        if (storeCommand == null) {
            throw new IllegalStateException("the record store was not killed");
        }
        restartedStore = new ProcessBuilder(storeCommand).directory(storeFolder.toFile()).redirectErrorStream(true)
                .redirectOutput(data.resolve("store-restarted.log").toFile()).start();
    }

    /** Stops the run as Ctrl-C would (it stops the nodes, PostgreSQL and the store), then anything left over. */
    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> started = run.descendants().toList();
        run.destroy();
        if (!run.waitFor(2, TimeUnit.MINUTES)) {
            run.destroyForcibly();
        }
        for (ProcessHandle process : started) {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
        if (restartedStore != null) {
            restartedStore.destroy();
            if (!restartedStore.waitFor(1, TimeUnit.MINUTES)) {
                restartedStore.destroyForcibly();
            }
        }
        // PostgreSQL runs detached from the run (pg_ctl starts it in the background); the run stops it, unless the
        // run itself had to be killed.
        Path postmaster = data.resolve("postgres/postmaster.pid");
        try {
            if (Files.exists(postmaster)) {
                long pid = Long.parseLong(Files.readAllLines(postmaster).get(0).trim());
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        } catch (IOException | RuntimeException e) {
            // Nothing more to stop.
        }
    }
}
