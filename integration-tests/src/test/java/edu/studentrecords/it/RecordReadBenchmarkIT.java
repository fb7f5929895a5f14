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

    @InjectRealm
    ManagedRealm realm;

    @InjectOAuthClient
    OAuthClient oauth;

    /** One side of the comparison: its histogram and the wall time its phases took. */
    private static final class Side {
        final String name;
        final Histogram latencies = new Histogram(3);
        long nanos;
        long requests;

        Side(String name) {
            this.name = name;
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
        Side ours = new Side("`GET /realms/{realm}/student-records/records/{id}`");
        Side keycloak = new Side("`GET /admin/realms/{realm}/users/{id}` (Keycloak)");
        AtomicInteger turn = new AtomicInteger();
        Request ourRead = () -> {
            String[] person = people.get(turn.getAndIncrement() % people.size());
            return HttpRequest.newBuilder(URI.create(records + person[0])).header("Authorization", "Bearer " + token)
                .header("Data-Purpose", "library-services").GET().build();
        };
        Request keycloakRead = () -> {
            String[] person = people.get(turn.getAndIncrement() % people.size());
            return HttpRequest.newBuilder(URI.create(users + person[1])).header("Authorization", "Bearer " + token)
                .GET().build();
        };
        assertThat(http.send(ourRead.next(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        assertThat(http.send(keycloakRead.next(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            for (int round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
                boolean measured = round >= WARMUP_ROUNDS;
                // Alternate which side goes first, so neither always runs on a warmer or a more tired server.
                if (round % 2 == 0) {
                    phase(pool, http, ourRead, measured ? ours : null);
                    phase(pool, http, keycloakRead, measured ? keycloak : null);
                } else {
                    phase(pool, http, keycloakRead, measured ? keycloak : null);
                    phase(pool, http, ourRead, measured ? ours : null);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        write(ours, keycloak);
    }

    @FunctionalInterface
    private interface Request {
        HttpRequest next();
    }

    /** THREADS threads send PER_THREAD requests each, back to back; every answer must be a 200. */
    private static void phase(ExecutorService pool, HttpClient http, Request request, Side side) throws Exception {
        List<Callable<Histogram>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            workers.add(() -> {
                Histogram mine = new Histogram(3);
                for (int i = 0; i < PER_THREAD; i++) {
                    HttpRequest next = request.next();
                    long start = System.nanoTime();
                    HttpResponse<String> response = http.send(next, HttpResponse.BodyHandlers.ofString());
                    mine.recordValue(System.nanoTime() - start);
                    if (response.statusCode() != 200) {
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
            if (side != null) {
                side.latencies.add(h);
            }
        }
        if (side != null) {
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

    private static void write(Side ours, Side keycloak) throws IOException {
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
            .append(" warm-up rounds, then ").append(ROUNDS).append(" measured rounds; a round is one phase of each side, ")
            .append(THREADS * PER_THREAD).append(" requests a phase, the side that goes first alternating.\n\n");
        md.append("Our read: bearer token check (signature, audience, user session), access decision (internal client, ")
            .append("all units, purpose `library-services`, profile only), record fetch and one durable audit entry ")
            .append("before the answer. Keycloak's read: bearer token check, admin permission check, user and its ")
            .append("attributes from the database, no audit.\n\n");
        md.append("| path | requests | throughput (req/s) | p50 (ms) | p99 (ms) |\n|---|---|---|---|---|\n");
        for (Side s : List.of(ours, keycloak)) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %.0f | %.2f | %.2f |%n", s.name, s.requests,
                s.throughput(), s.p(50) / 1000.0, s.p(99) / 1000.0));
        }
        md.append(String.format(Locale.ROOT, "%nOurs against Keycloak's: throughput %.2fx, p50 %.2fx, p99 %.2fx "
                + "(throughput above 1 and latency below 1 mean ours is faster).%n",
            ours.throughput() / keycloak.throughput(), (double) ours.p(50) / keycloak.p(50),
            (double) ours.p(99) / keycloak.p(99)));
        md.append(String.format(Locale.ROOT, "%nGoal \"ours at least as fast\": %s.%n",
            ours.throughput() >= keycloak.throughput() ? "met on throughput" : "not met on throughput"));
        Path out = Path.of(System.getProperty("benchmark.out", "benchmarks/record-read.md"));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, md.toString());
    }
}
