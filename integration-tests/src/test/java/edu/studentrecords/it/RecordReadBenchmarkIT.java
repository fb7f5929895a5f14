package edu.studentrecords.it;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static edu.studentrecords.it.Campus.ADMIN_SCOPES;
import static edu.studentrecords.it.Campus.LIBRARY;
import static edu.studentrecords.it.Campus.PORTAL;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /records/{id}} with {@code library-app}'s token against Keycloak's own
 * {@code GET /admin/realms/{realm}/users/{id}} for the same two people, on the same server, with the same token (the
 * library's service account is given {@code view-users} for the baseline), the same HTTP client and concurrency, in
 * interleaved rounds, at 4 and at 16 client threads (one after the other). Writes
 * {@code integration-tests/benchmarks/record-read.md} with the goal "throughput at least 1.0x Keycloak's own user read"
 * stated as met or not met at each thread count. Not part of the normal build: run with {@value #COMMAND}.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
@KeycloakIntegrationTest(config = StudentRecordsServer.class)
class RecordReadBenchmarkIT {

    static final String COMMAND = "flock /tmp/bench.lock flock /tmp/keycloak-it.lock mvn -B -ntp -pl integration-tests -am "
        + "verify -Dbenchmark=true -Dit.test=RecordReadBenchmarkIT -Dtest='None*' -Dsurefire.failIfNoSpecifiedTests=false "
        + "-Dfailsafe.failIfNoSpecifiedTests=false";

    /** The client thread counts, measured in this order; the goal names 4 and 16. */
    private static final List<Integer> THREADS = threadCounts(System.getProperty("benchmark.threads", "4,16"));
    private static final int ROUNDS = Integer.getInteger("benchmark.rounds", 10);
    /** Requests of one phase, shared out evenly among its threads, the same at every thread count. */
    private static final int PER_PHASE = Integer.getInteger("benchmark.requests", 1000);
    private static final int WARMUP_ROUNDS = 2;
    /** Ours must serve at least this many requests for each one Keycloak's user read serves at the same concurrency. */
    private static final double GOAL = 1.0;

    @InjectRealm(ref = "benchmark")
    ManagedRealm realm;

    @InjectOAuthClient
    OAuthClient oauth;

    /** One row: its requests, the status each must get, its concurrency, its histogram and its wall time. */
    private static final class Side {
        final String name;
        final int status;
        final int threads;
        final Request request;
        final Histogram latencies = new Histogram(3);
        long nanos;
        long requests;

        Side(String name, int status, int threads, Request request) {
            this.name = name;
            this.status = status;
            this.threads = threads;
            this.request = request;
        }

        double throughput() {
            return requests / (nanos / 1e9);
        }

        long p(double percentile) {
            return latencies.getValueAtPercentile(percentile) / 1000;
        }
    }

    /** The four rows measured at one thread count: ours and Keycloak's, then the two that take ours apart. */
    private record Sides(Side ours, Side keycloak, Side refused, Side anonymous) {
        List<Side> all() {
            return List.of(ours, keycloak, refused, anonymous);
        }

        double ratio() {
            return ours.throughput() / keycloak.throughput();
        }
    }

    @Test
    void recordReadAgainstKeycloakUserRead() throws Exception {
        Campus campus = Campus.setUp(realm, oauth);
        String admin = campus.signIn(oauth, "ada", PORTAL, ADMIN_SCOPES);
        List<String[]> people = new ArrayList<>();
        people.add(new String[] {campus.enrol(admin, GeneratedStudent.number(51, Campus.PHYSICS_CLASS), "alice"),
            campus.userIds.get("alice")});
        people.add(new String[] {campus.enrol(admin, GeneratedStudent.number(52, Campus.HISTORY_CLASS), "bob"),
            campus.userIds.get("bob")});
        allowLibraryToViewUsers(realm.admin());
        String token = campus.serviceToken(oauth, LIBRARY);

        String records = realm.getBaseUrl() + "/student-records/records/";
        String users = realm.getBaseUrl().replace("/realms/", "/admin/realms/") + "/users/";
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        AtomicInteger turn = new AtomicInteger();
        Request ours = () -> {
            String[] person = people.get(turn.getAndIncrement() % people.size());
            return HttpRequest.newBuilder(URI.create(records + person[0])).header("Authorization", "Bearer " + token)
                .header("Data-Purpose", "library-services").GET().build();
        };
        Request keycloak = () -> {
            String[] person = people.get(turn.getAndIncrement() % people.size());
            return HttpRequest.newBuilder(URI.create(users + person[1])).header("Authorization", "Bearer " + token)
                .GET().build();
        };
        Request refused = () -> {
            String[] person = people.get(turn.getAndIncrement() % people.size());
            return HttpRequest.newBuilder(URI.create(records + person[0])).header("Authorization", "Bearer " + token)
                .header("Data-Purpose", "teaching").GET().build();
        };
        Request anonymous = () -> {
            String[] person = people.get(turn.getAndIncrement() % people.size());
            return HttpRequest.newBuilder(URI.create(records + person[0])).header("Data-Purpose", "library-services")
                .GET().build();
        };
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        List<Sides> measured = new ArrayList<>();
        for (int threads : THREADS) {
            Sides sides = new Sides(
                new Side("`GET /realms/{realm}/student-records/records/{id}`", 200, threads, ours),
                new Side("`GET /admin/realms/{realm}/users/{id}` (Keycloak)", 200, threads, keycloak),
                new Side("ours, refused: a purpose the client may not declare (403)", 403, threads, refused),
                new Side("ours, no token (401: no token check, no decision, no audit)", 401, threads, anonymous));
            for (Side side : sides.all()) {
                assertThat(http.send(side.request.next(), HttpResponse.BodyHandlers.ofString()).statusCode())
                    .as(side.name).isEqualTo(side.status);
            }
            measure(http, threads, sides.all());
            measured.add(sides);
        }
        write(measured, load);
    }

    @FunctionalInterface
    private interface Request {
        HttpRequest next();
    }

    /** Warm-up rounds, then measured rounds of one phase per row, at one thread count. */
    private static void measure(HttpClient http, int threads, List<Side> sides) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
                boolean measured = round >= WARMUP_ROUNDS;
                // Rotate which side goes first, so that none always runs on a warmer or a more tired server.
                for (int i = 0; i < sides.size(); i++) {
                    phase(pool, http, sides.get((round + i) % sides.size()), measured);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The side's threads send PER_PHASE requests between them, back to back; every answer must have the side's status. */
    private static void phase(ExecutorService pool, HttpClient http, Side side, boolean measured) throws Exception {
        int perThread = PER_PHASE / side.threads;
        List<Callable<Histogram>> workers = new ArrayList<>();
        for (int t = 0; t < side.threads; t++) {
            workers.add(() -> {
                Histogram mine = new Histogram(3);
                for (int i = 0; i < perThread; i++) {
                    HttpRequest next = side.request.next();
                    long start = System.nanoTime();
                    HttpResponse<String> response = http.send(next, HttpResponse.BodyHandlers.ofString());
                    mine.recordValue(System.nanoTime() - start);
                    if (response.statusCode() != side.status) {
                        throw new IllegalStateException(next.uri().getPath() + " answered " + response.statusCode());
                    }
                }
                return mine;
            });
        }
        long start = System.nanoTime();
        List<Future<Histogram>> done = pool.invokeAll(workers);
        long elapsed = System.nanoTime() - start;
        for (Future<Histogram> f : done) {
            Histogram h = f.get();
            if (measured) {
                side.latencies.add(h);
            }
        }
        if (measured) {
            side.nanos += elapsed;
            side.requests += (long) side.threads * perThread;
        }
    }

    private static List<Integer> threadCounts(String list) {
        List<Integer> counts = new ArrayList<>();
        for (String count : list.split(",")) {
            counts.add(Integer.parseInt(count.trim()));
        }
        return List.copyOf(counts);
    }

    /** The baseline reads users with the same token: the library's service account may view users for it. */
    private static void allowLibraryToViewUsers(RealmResource admin) {
        ClientRepresentation library = admin.clients().findByClientId(LIBRARY).get(0);
        ClientRepresentation management = admin.clients().findByClientId("realm-management").get(0);
        RoleRepresentation viewUsers = admin.clients().get(management.getId()).roles().get("view-users")
            .toRepresentation();
        String serviceAccount = admin.clients().get(library.getId()).getServiceAccountUser().getId();
        admin.users().get(serviceAccount).roles().clientLevel(management.getId()).add(List.of(viewUsers));
    }

    private static void write(List<Sides> measured, double load) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# Record read against Keycloak's own user read\n\n");
        md.append("Made by `").append(COMMAND).append("` (from the repository root) on ").append(Instant.now())
            .append(", ").append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ")
            .append(System.getProperty("java.version"))
            .append(String.format(Locale.ROOT, ", load average %.2f at the start.%n%n", load));
        md.append("One Keycloak 26.7.0 (distribution, `start-dev`, dev-mem database) with the extension, and the suite's ")
            .append("embedded store process (H2 file backend, every acknowledged write durable), on the same machine as ")
            .append("the client. Both sides are called with the same access token of `library-app` (client credentials; ")
            .append("its service account also holds `realm-management/view-users` for the baseline), over one Java ")
            .append("`HttpClient`, by ").append(THREADS.stream().map(String::valueOf).collect(Collectors.joining(" and then ")))
            .append(" threads sending back to back, for the same two people in turn: their records on our side, their ")
            .append("Keycloak users on Keycloak's. At each thread count ").append(WARMUP_ROUNDS)
            .append(" warm-up rounds, then ").append(ROUNDS).append(" measured rounds; a round is one phase of each ")
            .append("row, ").append(PER_PHASE).append(" requests a phase (shared out among its threads), the row that ")
            .append("goes first rotating.\n\n");
        md.append("Our read: bearer token check (signature, audience, user session), access decision (internal client, ")
            .append("all units, purpose `library-services`, profile only), record fetch and one durable audit entry ")
            .append("before the answer. Keycloak's read: bearer token check, admin permission check, user and its ")
            .append("attributes from the database, no audit.\n\n");
        String header = "| path | client threads | requests | throughput (req/s) | throughput / Keycloak's | p50 (ms) "
            + "| p99 (ms) |\n|---|---|---|---|---|---|---|\n";
        md.append(header);
        for (Sides sides : measured) {
            row(md, sides.ours(), sides.keycloak());
            row(md, sides.keycloak(), sides.keycloak());
        }
        md.append("\n");
        for (Sides sides : measured) {
            md.append(String.format(Locale.ROOT, "Goal: `GET /records/{id}` throughput at least %.1fx Keycloak's own user "
                    + "read at %d client threads: **%s** (%.2fx; p50 %.2fx, p99 %.2fx Keycloak's).%n%n", GOAL,
                sides.ours().threads, sides.ratio() >= GOAL ? "met" : "not met", sides.ratio(),
                (double) sides.ours().p(50) / sides.keycloak().p(50), (double) sides.ours().p(99) / sides.keycloak().p(99)));
        }
        md.append("## Taking our read apart\n\n");
        md.append("A refused read checks the token, decides and appends its durable audit entry (the record is fetched ")
            .append("alongside, as for every read of a known record, and dropped), but writes no record into the answer; ")
            .append("a request without a token is answered by the same resource before any token check, decision or ")
            .append("audit. Measured in the same rounds as the rows above.\n\n");
        md.append(header);
        for (Sides sides : measured) {
            row(md, sides.refused(), sides.keycloak());
            row(md, sides.anonymous(), sides.keycloak());
        }
        Path out = Path.of(System.getProperty("benchmark.out", "benchmarks/record-read.md"));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, md.toString());
    }

    private static void row(StringBuilder md, Side side, Side keycloak) {
        md.append(String.format(Locale.ROOT, "| %s | %d | %d | %.0f | %.2f | %.2f | %.2f |%n", side.name, side.threads,
            side.requests, side.throughput(), side.throughput() / keycloak.throughput(), side.p(50) / 1000.0,
            side.p(99) / 1000.0));
    }
}
