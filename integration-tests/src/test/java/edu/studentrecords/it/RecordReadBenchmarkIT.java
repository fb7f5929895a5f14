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

import static edu.studentrecords.it.Campus.ADMIN_SCOPES;
import static edu.studentrecords.it.Campus.LIBRARY;
import static edu.studentrecords.it.Campus.PORTAL;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /records/{id}} with {@code library-app}'s token against Keycloak's own
 * {@code GET /admin/realms/{realm}/users/{id}} for the same two people, on the same server, with the same token (the
 * library's service account is given {@code view-users} for the baseline), the same HTTP client and concurrency, in
 * interleaved rounds. Writes {@code integration-tests/benchmarks/record-read.md}. Not part of the normal build: run
 * with {@value #COMMAND}.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
@KeycloakIntegrationTest(config = StudentRecordsServer.class)
class RecordReadBenchmarkIT {

    static final String COMMAND = "flock /tmp/kc-it.lock mvn -B -ntp -pl integration-tests -am verify -Dbenchmark=true "
        + "-Dit.test=RecordReadBenchmarkIT -Dtest='None*' -Dsurefire.failIfNoSpecifiedTests=false "
        + "-Dfailsafe.failIfNoSpecifiedTests=false";

    private static final int THREADS = Integer.getInteger("benchmark.threads", 4);
    private static final int ROUNDS = Integer.getInteger("benchmark.rounds", 10);
    private static final int PER_THREAD = Integer.getInteger("benchmark.requests", 250);
    private static final int WARMUP_ROUNDS = 2;

    @InjectRealm(ref = "benchmark")
    ManagedRealm realm;

    @InjectOAuthClient
    OAuthClient oauth;

    /** One side of the comparison: its requests, the status each must get, its histogram and its wall time. */
    private static final class Side {
        final String name;
        final int status;
        final Histogram latencies = new Histogram(3);
        Request request;
        long nanos;
        long requests;

        Side(String name, int status) {
            this.name = name;
            this.status = status;
        }

        double throughput() {
            return requests / (nanos / 1e9);
        }

        long p(double percentile) {
            return latencies.getValueAtPercentile(percentile) / 1000;
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
        Side ours = new Side("`GET /realms/{realm}/student-records/records/{id}`", 200);
        Side keycloak = new Side("`GET /admin/realms/{realm}/users/{id}` (Keycloak)", 200);
        Side refused = new Side("ours, refused: a purpose the client may not declare (403)", 403);
        Side anonymous = new Side("ours, no token (401: no token check, no decision, no audit)", 401);
        AtomicInteger turn = new AtomicInteger();
        ours.request = () -> {
            String[] person = people.get(turn.getAndIncrement() % people.size());
            return HttpRequest.newBuilder(URI.create(records + person[0])).header("Authorization", "Bearer " + token)
                .header("Data-Purpose", "library-services").GET().build();
        };
        keycloak.request = () -> {
            String[] person = people.get(turn.getAndIncrement() % people.size());
            return HttpRequest.newBuilder(URI.create(users + person[1])).header("Authorization", "Bearer " + token)
                .GET().build();
        };
        refused.request = () -> {
            String[] person = people.get(turn.getAndIncrement() % people.size());
            return HttpRequest.newBuilder(URI.create(records + person[0])).header("Authorization", "Bearer " + token)
                .header("Data-Purpose", "teaching").GET().build();
        };
        anonymous.request = () -> {
            String[] person = people.get(turn.getAndIncrement() % people.size());
            return HttpRequest.newBuilder(URI.create(records + person[0])).header("Data-Purpose", "library-services")
                .GET().build();
        };
        List<Side> sides = List.of(ours, keycloak, refused, anonymous);
        for (Side side : sides) {
            assertThat(http.send(side.request.next(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .as(side.name).isEqualTo(side.status);
        }

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
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
        write(ours, keycloak, List.of(refused, anonymous));
    }

    @FunctionalInterface
    private interface Request {
        HttpRequest next();
    }

    /** THREADS threads send PER_THREAD requests each, back to back; every answer must have the side's status. */
    private static void phase(ExecutorService pool, HttpClient http, Side side, boolean measured) throws Exception {
        List<Callable<Histogram>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            workers.add(() -> {
                Histogram mine = new Histogram(3);
                for (int i = 0; i < PER_THREAD; i++) {
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
            side.requests += (long) THREADS * PER_THREAD;
        }
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

    private static void write(Side ours, Side keycloak, List<Side> breakdown) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# Record read against Keycloak's own user read\n\n");
        md.append("Made by `").append(COMMAND).append("` (from the repository root) on ").append(Instant.now())
            .append(", ").append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ")
            .append(System.getProperty("java.version")).append(".\n\n");
        md.append("One Keycloak 26.7.0 (distribution, `start-dev`, dev-mem database) with the extension, and the suite's ")
            .append("embedded store process (H2 file backend, every acknowledged write durable), on the same machine as ")
            .append("the client. Both sides are called with the same access token of `library-app` (client credentials; ")
            .append("its service account also holds `realm-management/view-users` for the baseline), over one Java ")
            .append("`HttpClient`, by ").append(THREADS).append(" threads sending back to back, for the same two people ")
            .append("in turn: their records on our side, their Keycloak users on Keycloak's. ").append(WARMUP_ROUNDS)
            .append(" warm-up rounds, then ").append(ROUNDS).append(" measured rounds; a round is one phase of each ")
            .append("row below, ").append(THREADS * PER_THREAD).append(" requests a phase, the row that goes first ")
            .append("rotating.\n\n");
        md.append("Our read: bearer token check (signature, audience, user session), access decision (internal client, ")
            .append("all units, purpose `library-services`, profile only), record fetch and one durable audit entry ")
            .append("before the answer. Keycloak's read: bearer token check, admin permission check, user and its ")
            .append("attributes from the database, no audit.\n\n");
        md.append("| path | requests | throughput (req/s) | p50 (ms) | p99 (ms) |\n|---|---|---|---|---|\n");
        List<Side> all = new ArrayList<>(List.of(ours, keycloak));
        all.addAll(breakdown);
        for (Side s : all) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %.0f | %.2f | %.2f |%n", s.name, s.requests,
                s.throughput(), s.p(50) / 1000.0, s.p(99) / 1000.0));
        }
        md.append(String.format(Locale.ROOT, "%nOurs against Keycloak's: throughput %.2fx, p50 %.2fx, p99 %.2fx "
                + "(throughput above 1 and latency below 1 mean ours is faster).%n",
            ours.throughput() / keycloak.throughput(), (double) ours.p(50) / keycloak.p(50),
            (double) ours.p(99) / keycloak.p(99)));
        md.append(String.format(Locale.ROOT, "%nGoal \"ours at least as fast\": %s.%n",
            ours.throughput() >= keycloak.throughput() ? "met on throughput" : "not met on throughput"));
        md.append("\nThe last two rows take the read apart: a refused read checks the token, decides and appends its ")
            .append("durable audit entry (the record is fetched alongside, as for every read of a known record, and ")
            .append("dropped), but writes no record into the answer; a request without a token is answered by the same ")
            .append("resource before any token check, decision or audit.\n");
        Path out = Path.of(System.getProperty("benchmark.out", "benchmarks/record-read.md"));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, md.toString());
    }
}
