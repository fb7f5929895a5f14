package edu.studentrecords.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The product in production mode, as the README's command runs it for a school ({@code deploy/run.sh --production
 * --nodes 2 --demo}): Keycloak built for PostgreSQL and started over HTTPS with no default password, two nodes in one
 * Infinispan cluster over a shared PostgreSQL and one record store, each node with its own search index. Every call
 * carries a token from a real sign-in (Keycloak's login form, or client credentials).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final String ADMINISTRATION = "administration";
    private static final String ADMIN_SCOPES = "openid student.admin student.purge student.profile.read "
            + "student.contact.read student.contact.write student.search student.audit";
    /** Scheduled runs every 20 s, so that a minute shows whether both nodes run them or one per period. */
    private static final int SCHEDULE_SECONDS = 20;
    /** How long a health probe waits for its answer (a load balancer's check gives up after a few seconds). */
    private static final Duration PROBE = Duration.ofSeconds(10);
    private static final String UNIT = "science/physics/2024-1";

    private static ProductionCluster cluster;
    private static String dave;
    private static String erin;
    /** Generated students (the campus is this test's own: no other test enrols there). */
    private static int nextStudent = 301;

    @BeforeAll
    static void startTheCluster() throws Exception {
        cluster = ProductionCluster.start(2, Map.of(
                "KC_SPI_STUDENT_RECORDS__DEFAULT__SELF_CHECK_INTERVAL", Integer.toString(SCHEDULE_SECONDS),
                "KC_SPI_STUDENT_RECORDS__DEFAULT__RETENTION_INTERVAL", Integer.toString(SCHEDULE_SECONDS)));
        dave = cluster.login().person("dave.registrar", ADMIN_SCOPES);
        erin = cluster.login().person("erin.registrar", ADMIN_SCOPES);
    }

    @AfterAll
    static void stopTheCluster() throws InterruptedException {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void productionModeServesHttpsOnlyOnPostgresqlWithNoDefaultPassword() throws Exception {
        HttpClient http = cluster.http();
        assertThat(get(http, cluster.node(1) + "/realms/campus").statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + ProductionCluster.FIRST_PORT + "/realms/campus")).build(),
                HttpResponse.BodyHandlers.ofString())).as("no plain HTTP on the HTTPS port").isInstanceOf(IOException.class);

        String master = cluster.hostname() + "/realms/master/protocol/openid-connect/token";
        HttpResponse<String> adminAdmin = post(http, master,
                "grant_type=password&client_id=admin-cli&username=admin&password=admin");
        assertThat(adminAdmin.statusCode()).as("admin/admin").isIn(400, 401);
        assertThat(Api.JSON.readTree(adminAdmin.body()).path("error").asText()).isEqualTo("invalid_grant");
        assertThat(cluster.adminPassword()).as("a generated password, printed once").hasSizeGreaterThanOrEqualTo(24);
        assertThat(post(http, master, "grant_type=password&client_id=admin-cli&username=admin&password="
                + cluster.adminPassword()).statusCode()).isEqualTo(200);

        JsonNode ready = Api.JSON.readTree(get(http, cluster.management(2) + "/health/ready").body());
        assertThat(ready.get("status").asText()).isEqualTo("UP");
        assertThat(ready.findValuesAsText("name")).contains("Keycloak database connections async health check",
                "Keycloak cluster health check");
        assertThat(Files.readString(cluster.data().resolve("postgres/PG_VERSION")).trim()).matches("\\d+");
        assertThat(Files.readString(cluster.data().resolve("logs/store.log")))
                .as("the record store forces every acknowledged write to the device").contains("with durability fsync");
        assertThat(get(http, cluster.management(1) + "/metrics").body()).contains("agroal_active_count");

        for (Path secret : List.of(cluster.data().resolve("secrets/keycloak.conf"),
                cluster.data().resolve("secrets/db-password"), cluster.data().resolve("keys/master.key"),
                cluster.data().resolve("tls/server.key"))) {
            assertThat(Files.getPosixFilePermissions(secret)).as(secret.toString())
                    .containsOnly(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        }
        String password = Files.readString(cluster.data().resolve("secrets/db-password")).trim();
        for (int n = 1; n <= 2; n++) {
            String commandLine = ProcessHandle.of(cluster.pid(n)).orElseThrow().info().arguments()
                    .map(arguments -> String.join(" ", arguments)).orElse("");
            assertThat(commandLine).as("node %d's command line", n).isNotEmpty().doesNotContain(password);
        }
        assertThat(String.join("\n", cluster.output())).doesNotContain(password);
    }

    @Test
    @Order(2)
    void aRecordEnrolledOnOneNodeIsReadAndFoundOnTheOtherWithinFiveSeconds() {
        GeneratedStudent student = GeneratedStudent.number(nextStudent++, UNIT);
        String id = enrol(1, student);

        Instant enrolled = Instant.now();
        Api.Reply read = cluster.api(2).call("GET", "/records/" + id, dave, ADMINISTRATION).send();
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.json().at("/profile/studentNumber").asText()).isEqualTo(student.studentNumber());
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            Api.Reply found = cluster.api(2).call("GET", "/search?q=" + student.studentNumber(), dave, ADMINISTRATION)
                    .send();
            assertThat(found.status()).as(found.body()).isEqualTo(200);
            assertThat(found.json().get("hits").findValuesAsText("id")).containsExactly(id);
        });
        assertThat(Duration.between(enrolled, Instant.now())).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    @Order(3)
    void aGrantRevokedOnOneNodeIsRefusedOnTheOthersNextRequest() {
        String id = enrol(1, GeneratedStudent.number(nextStudent++, UNIT));
        Api.Reply requested = cluster.api(1).call("POST", "/grants", dave, ADMINISTRATION).json("application/json",
                Map.of("clientId", "city-statistics-bureau", "purpose", "statistics", "groups", List.of("profile"),
                        "recordIds", List.of(id), "expiresAt", Instant.now().plus(Duration.ofDays(30)).toString(),
                        "agreement", Map.of("reference", "NDA-CLUSTER-1", "fileName", "agreement.pdf",
                                "contentType", "application/pdf", "content", Base64.getEncoder().encodeToString(
                                        "%PDF-1.7 generated agreement".getBytes(StandardCharsets.US_ASCII))))).send();
        assertThat(requested.status()).as(requested.body()).isEqualTo(201);
        String grant = requested.json().get("id").asText();
        assertThat(cluster.api(2).call("POST", "/grants/" + grant + "/approve", erin, ADMINISTRATION).send().status())
                .isEqualTo(200);
        String bureau = cluster.login().client("city-statistics-bureau", "city-statistics-bureau-secret",
                "student.profile.read");
        assertThat(cluster.api(2).call("GET", "/records/" + id, bureau, "statistics").send().status()).isEqualTo(200);

        assertThat(cluster.api(1).call("POST", "/grants/" + grant + "/revoke", erin, ADMINISTRATION).send().status())
                .isEqualTo(200);
        assertThat(cluster.api(2).call("GET", "/records/" + id, bureau, "statistics").send().status())
                .as("node 2's next request after the revocation on node 1").isEqualTo(403);
    }

    @Test
    @Order(4)
    void aPurgeApprovedOnOneNodeLeavesNoTraceInTheOtherNodesIndexFiles() {
        GeneratedStudent student = GeneratedStudent.number(nextStudent++, UNIT);
        String id = enrol(1, student);
        Path nodeTwoIndex = cluster.data().resolve("node-2/search-index");
        IndexTraces.awaitNumberFound(nodeTwoIndex, student);

        Api.Reply filed = cluster.api(1).call("POST", "/records/" + id + "/purge-requests", dave, ADMINISTRATION)
                .json("application/json", Map.of("reason", "Enrolled twice by mistake")).send();
        assertThat(filed.status()).as(filed.body()).isEqualTo(201);
        Api.Reply approved = cluster.api(1).call("POST", "/purge-requests/" + filed.json().get("id").asText()
                + "/approve", erin, ADMINISTRATION).send();
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);

        assertThat(cluster.api(2).call("GET", "/records/" + id, dave, ADMINISTRATION).send().status()).isEqualTo(404);
        IndexTraces.awaitNone(nodeTwoIndex, student);
    }

    @Test
    @Order(5)
    void backupJobsStartedOnOneNodeAreListedOnTheOther() {
        Api.Reply started = cluster.api(1).call("POST", "/backups", dave, ADMINISTRATION).send();
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String job = started.json().get("id").asText();

        Api.Reply listed = cluster.api(2).call("GET", "/backups", dave, ADMINISTRATION).send();
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        assertThat(listed.json().findValuesAsText("id")).contains(job);
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Api.Reply one = cluster.api(2).call("GET", "/backups/" + job, dave, ADMINISTRATION).send();
            assertThat(one.json().get("status").asText()).as(one.body()).isEqualTo("DONE");
            assertThat(one.json().at("/manifest/collections/records/documents").asLong()).isGreaterThan(1000);
        });
    }

    @Test
    @Order(6)
    void theRetentionRunAndTheSelfCheckRunOncePerClusterNotOncePerNode() throws Exception {
        String sam = cluster.login().person("sam.supervisor", "openid student.audit");
        // Both nodes look every 5 s whether a run is due; one run per 20 s may go through, on either node.
        await().atMost(Duration.ofSeconds(3 * SCHEDULE_SECONDS + 30)).pollInterval(Duration.ofSeconds(5))
                .until(() -> scheduled(sam, "SELF_CHECK").size() >= 3 && scheduled(sam, "RETENTION_RUN").size() >= 3);
        for (String operation : List.of("SELF_CHECK", "RETENTION_RUN")) {
            List<Instant> runs = scheduled(sam, operation);
            // A run is claimed at the instant it is due and entered once it has looked at the realm, so two entries
            // can be a little closer than the period; two nodes both running would enter runs 5 s apart or less.
            for (int i = 1; i < runs.size(); i++) {
                assertThat(Duration.between(runs.get(i - 1), runs.get(i))).as("%s runs %s", operation, runs)
                        .isGreaterThanOrEqualTo(Duration.ofSeconds(SCHEDULE_SECONDS * 3 / 4));
            }
        }
        // Each node counts the checks it ran: together, at least every scheduled check the trail shows.
        int entered = scheduled(sam, "SELF_CHECK").size();
        double counted = 0;
        for (int n = 1; n <= 2; n++) {
            Matcher count = Pattern.compile("student_records_self_checks_total\\{[^}]*realm=\"campus\"[^}]*} (\\S+)")
                    .matcher(get(cluster.http(), cluster.management(n) + "/metrics").body());
            counted += count.find() ? Double.parseDouble(count.group(1)) : 0;
        }
        assertThat(counted).isGreaterThanOrEqualTo(entered);
    }

    @Test
    @Order(7)
    void killingOneNodeUnderLoadLosesNoAcknowledgedWriteAndTheOtherKeepsServing() throws Exception {
        int writers = 6;
        List<String> records = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            records.add(enrol(1, GeneratedStudent.number(nextStudent++, UNIT)));
        }
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        Map<String, Set<String>> attempted = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger nodeOneFailures = new AtomicInteger();
        AtomicInteger writesAfterKill = new AtomicInteger();
        AtomicBoolean killed = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            String id = records.get(w);
            int node = w % 2 + 1;
            int writer = w;
            attempted.put(id, ConcurrentHashMap.newKeySet());
            running.add(pool.submit(() -> {
                for (int n = 0; !stop.get(); n++) {
                    String phone = String.format("139%08d", 40_000_000 + writer * 1_000_000 + n);
                    attempted.get(id).add(phone);
                    try {
                        Api.Reply current = cluster.api(node).call("GET", "/records/" + id, dave, ADMINISTRATION).send();
                        Api.Reply written = cluster.api(node).call("PATCH", "/records/" + id, dave, ADMINISTRATION)
                                .header("If-Match", current.header("ETag"))
                                .json(Api.MERGE_PATCH, Map.of("contact", Map.of("mobilePhone", phone))).send();
                        if (written.status() == 200) {
                            acknowledged.put(id, phone);
                            if (killed.get() && node == 1) {
                                writesAfterKill.incrementAndGet();
                            }
                        } else if (node == 1) {
                            nodeOneFailures.incrementAndGet();
                        }
                    } catch (RuntimeException unreachable) {
                        if (node == 1) {
                            nodeOneFailures.incrementAndGet();
                        } else {
                            Thread.sleep(100); // node 2 is gone: do not spin
                        }
                    }
                }
                return null;
            }));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() == writers);
        cluster.kill(2);
        killed.set(true);
        assertThatThrownBy(() -> get(cluster.http(), cluster.node(2) + "/realms/campus"))
                .as("node 2 is gone").isInstanceOf(IOException.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> writesAfterKill.get() >= 20);
        stop.set(true);
        for (Future<?> writer : running) {
            writer.get(1, TimeUnit.MINUTES);
        }
        pool.shutdown();

        assertThat(nodeOneFailures.get()).as("node 1's refusals or failures while node 2 died").isZero();
        for (String id : records) {
            Api.Reply read = cluster.api(1).call("GET", "/records/" + id, dave, ADMINISTRATION).send();
            assertThat(read.status()).isEqualTo(200);
            String stored = read.json().at("/contact/mobilePhone").asText();
            String last = acknowledged.get(id);
            // The last acknowledged write is kept; only a write in flight when node 2 died may have landed after it.
            assertThat(stored.equals(last) || attempted.get(id).contains(stored) && stored.compareTo(last) > 0)
                    .as("record %s holds %s, last acknowledged %s", id, stored, last).isTrue();
        }
        Api.Reply chain = cluster.api(1).call("GET", "/audit/verify", dave, ADMINISTRATION).send();
        assertThat(chain.status()).isEqualTo(200);
        assertThat(chain.json().get("intact").asBoolean()).as(chain.body()).isTrue();
    }

    @Test
    @Order(8)
    void withoutTheStoreEveryAnswerSaysSoAtOnceAndOnceItIsBackTheNodeServesWhatItAcknowledged() throws Exception {
        assertThat(cluster.api(1).call("GET", "/records/" + java.util.UUID.randomUUID(), dave, ADMINISTRATION).send()
                .status()).isEqualTo(404);
        // Once node 1's index has taken the writes of the tests before (it follows the feed within a second).
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> Pattern.compile(
                "student_records_search_index_behind\\{[^}]*realm=\"campus\"[^}]*} 0").matcher(
                get(cluster.http(), cluster.management(1) + "/metrics").body()).find());
        String metrics = get(cluster.http(), cluster.management(1) + "/metrics").body();
        assertThat(metrics).containsPattern("student_records_requests_seconds_count\\{[^}]*operation=\"READ\"[^}]*"
                + "outcome=\"allowed\"[^}]*} [1-9]");
        assertThat(metrics).containsPattern("student_records_requests_seconds_count\\{[^}]*outcome=\"refused\"");
        assertThat(metrics).containsPattern("student_records_search_index_behind\\{[^}]*realm=\"campus\"[^}]*} 0");
        assertThat(metrics).containsPattern("student_records_search_index_bytes\\{[^}]*realm=\"campus\"[^}]*} [1-9]");
        String readiness = cluster.node(1) + "/realms/campus/student-records/health/ready";
        assertThat(get(cluster.http(), readiness).statusCode()).isEqualTo(200);
        // Acknowledged just before the store's crash: production writes are forced to the device before the answer.
        GeneratedStudent before = GeneratedStudent.number(nextStudent++, UNIT);
        String acknowledged = enrol(1, before);

        cluster.killStore();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            HttpResponse<String> down = get(cluster.http(), readiness);
            assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
            assertThat(down.body()).contains("the record store cannot be reached");
        });
        // Once the node knows its store is out of reach, probes and scrapes are answered at once: each request gives
        // up after PROBE (and fails the test), where reading the store's feed waited 30 s for a server.
        HttpResponse<String> down = probe(readiness);
        assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
        assertThat(down.body()).contains("the record store cannot be reached");
        HttpResponse<String> scraped = probe(cluster.management(1) + "/metrics");
        assertThat(scraped.statusCode()).isEqualTo(200);
        assertThat(scraped.body())
                .containsPattern("student_records_search_index_behind\\{[^}]*realm=\"campus\"[^}]*} -1");
        // So are the API's calls: 503 "unavailable" with Retry-After, where a call waited for the store and answered
        // 500 (the driver's timeout was not taken for the store out of reach).
        HttpResponse<String> call = probe(HttpRequest.newBuilder(URI.create(cluster.node(1)
                + "/realms/campus/student-records/records/" + java.util.UUID.randomUUID()))
                .header("Authorization", "Bearer " + dave).header("Data-Purpose", ADMINISTRATION));
        assertThat(call.statusCode()).as(call.body()).isEqualTo(503);
        assertThat(Api.JSON.readTree(call.body()).get("type").asText()).endsWith("/unavailable");
        assertThat(call.headers().firstValue("Retry-After")).hasValue("5");

        // The store's operator starts it again: the node finds it by itself, with no restart, and once it says it is
        // ready it serves, the enrolment acknowledged before the crash included.
        long restarted = System.nanoTime();
        cluster.restartStore();
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(250))
                .until(() -> probe(readiness).statusCode() == 200);
        System.out.printf("ClusterIT: node 1 ready again %d ms after the record store was started again%n",
                Duration.ofNanos(System.nanoTime() - restarted).toMillis());
        Api.Reply kept = cluster.api(1).call("GET", "/records/" + acknowledged, dave, ADMINISTRATION).send();
        assertThat(kept.status()).as(kept.body()).isEqualTo(200);
        assertThat(kept.json().at("/profile/studentNumber").asText()).isEqualTo(before.studentNumber());
        enrol(1, GeneratedStudent.number(nextStudent++, UNIT));
        Api.Reply chain = cluster.api(1).call("GET", "/audit/verify", dave, ADMINISTRATION).send();
        assertThat(chain.status()).isEqualTo(200);
        assertThat(chain.json().get("intact").asBoolean()).as(chain.body()).isTrue();
    }

    private static HttpResponse<String> probe(String url) throws IOException, InterruptedException {
        return probe(HttpRequest.newBuilder(URI.create(url)));
    }

    private static HttpResponse<String> probe(HttpRequest.Builder request) throws IOException, InterruptedException {
        return cluster.http().send(request.timeout(PROBE).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<Instant> scheduled(String supervisor, String operation) {
        List<Instant> runs = new ArrayList<>();
        for (long from = 1; ; ) {
            Api.Reply page = cluster.api(1).call("GET", "/audit?fromSequence=" + from + "&limit=1000", supervisor,
                    ADMINISTRATION).send();
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            JsonNode entries = page.json().get("entries");
            for (JsonNode entry : entries) {
                // The system's own steps: no person, the product's own client id.
                if (operation.equals(entry.path("operation").asText()) && absent(entry, "subject")
                        && "student-records".equals(entry.path("clientId").asText())) {
                    runs.add(Instant.parse(entry.get("time").asText()));
                }
                from = entry.get("sequence").asLong() + 1;
            }
            if (entries.size() < 1000) {
                return runs;
            }
        }
    }

    private static boolean absent(JsonNode entry, String field) {
        return entry.path(field).isNull() || entry.path(field).isMissingNode();
    }

    private static String enrol(int node, GeneratedStudent student) {
        Api.Reply created = cluster.api(node).call("POST", "/records", dave, ADMINISTRATION)
                .json("application/json", student.enrolment(null)).send();
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(HttpClient http, String url, String form)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
