package edu.studentrecords.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import edu.studentrecords.store.model.Gender;
import edu.studentrecords.store.validation.DivisionCodes;
import edu.studentrecords.store.validation.ResidentIdNumber;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import javax.net.ssl.SSLContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A load test of the whole product, as {@code deploy/run.sh} runs it, against the same Keycloak distribution without
 * the extension: a campus of {@value #DEFAULT_STUDENTS} generated students enrolled through {@code POST
 * /records:import} (against a raw {@code insertMany} of the same documents into the same store), then phases of
 * sign-ins, client-credential and refresh grants, record and user reads, searches, students' own edits and a mix,
 * each with 4 and 16 client threads. Writes {@code integration-tests/benchmarks/campus-load.md}. Not part of the
 * normal build: run with {@value #COMMAND}. With {@code -Dbenchmark.enrolmentOnly=true} it runs the enrolment alone and
 * leaves its table in {@code load-enrolment.md} in the data folder ({@code -Dbenchmark.data}, {@code /tmp/campus-load}),
 * writing no results file: a quicker measurement of the import.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class CampusLoadBenchmarkIT {

    static final String COMMAND = "flock /tmp/bench.lock mvn -B -ntp -pl integration-tests -am verify -Dbenchmark=true "
        + "-Dit.test=CampusLoadBenchmarkIT -Dtest='None*' -Dsurefire.failIfNoSpecifiedTests=false "
        + "-Dfailsafe.failIfNoSpecifiedTests=false";

    static final int DEFAULT_STUDENTS = 100_000;
    private static final int STUDENTS = Integer.getInteger("benchmark.students", DEFAULT_STUDENTS);
    private static final int[] THREADS = {4, 16};
    private static final Duration PHASE = Duration.ofSeconds(Integer.getInteger("benchmark.seconds", 10));
    private static final int ROUNDS = Integer.getInteger("benchmark.rounds", 3);
    private static final int PORT = 18180;
    private static final int STORE_PORT = 27218;
    private static final int PLAIN_PORT = 18280;
    private static final int IMPORT_ROWS = 10_000;
    private static final String LIBRARY_SECRET = "library-app-secret";
    private static final String BASELINE_DATABASE = "load_baseline";
    private static final String[] FAMILY = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"};
    private static final String[] GIVEN = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰",
        "娟", "涛", "明", "超", "秀", "霞", "平"};
    private static final String[] CLASSES = {"science/physics/2024-1", "science/chemistry/2024-1",
        "arts/history/2023-1", "engineering/software/2024-1", "medicine/nursing/2024-1"};

    private final Path root = Path.of("").toAbsolutePath().getParent();
    private final Path data = Path.of(System.getProperty("benchmark.data", "/tmp/campus-load"));
    private final boolean reuse = Boolean.getBoolean("benchmark.reuse");
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).build();
    private final StringBuilder notes = new StringBuilder();

    /** A scenario's measurements on one server at one thread count, over the rounds. */
    private static final class Cell {
        final List<Double> throughputs = new ArrayList<>();
        final org.HdrHistogram.Histogram latencies = new org.HdrHistogram.Histogram(3);
        long operations;
        long failures;
        String firstFailure;
        Duration cpu = Duration.ZERO;
        Duration storeCpu = Duration.ZERO;

        void add(LoadPhase.Result r, Duration cpuUsed, Duration storeUsed) {
            throughputs.add(r.throughput());
            latencies.add(r.latencies);
            operations += r.operations;
            failures += r.failures;
            if (firstFailure == null) {
                firstFailure = r.firstFailure;
            }
            cpu = cpu.plus(cpuUsed);
            storeCpu = storeCpu.plus(storeUsed);
        }

        double median() {
            List<Double> sorted = throughputs.stream().sorted().toList();
            int n = sorted.size();
            return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        }

        double millis(double percentile) {
            return latencies.getValueAtPercentile(percentile) / 1e6;
        }

        double cpuMillisPerOperation() {
            return operations == 0 ? 0 : cpu.toNanos() / 1e6 / operations;
        }

        double storeCpuMillisPerOperation() {
            return operations == 0 ? 0 : storeCpu.toNanos() / 1e6 / operations;
        }
    }

    /** Everything a scenario needs to know about one server. */
    private final class Target {
        final LoadServer server;
        final PasswordLogin login;
        final String realm;
        final List<String> userIds;
        final List<String> students;

        Target(LoadServer server) throws Exception {
            this.server = server;
            this.realm = server.base + "/realms/campus";
            this.login = new PasswordLogin(realm, SSLContext.getDefault());
            String admin = masterAdminToken(server.base);
            allowLibraryToViewUsers(server.base, admin);
            this.userIds = new ArrayList<>();
            for (JsonNode user : getJson(server.base + "/admin/realms/campus/users?max=5000&briefRepresentation=true", admin)) {
                if (!user.path("username").asText().startsWith("service-account-")) {
                    userIds.add(user.get("id").asText());
                }
            }
            this.students = new ArrayList<>();
            for (JsonNode user : getJson(server.base + "/admin/realms/campus/roles/student/users?max=200", admin)) {
                String username = user.get("username").asText();
                // Generated students only: the fixed accounts (and the minors) stay as the demo has them.
                if (username.matches(".*\\.\\d{5}")) {
                    students.add(username);
                }
            }
        }

        HttpClient browser() {
            return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(new BrowserCookies())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
        }

        String libraryToken() {
            return login.client(http, Campus.LIBRARY, LIBRARY_SECRET, "openid");
        }
    }

    @Test
    void campusUnderLoad() throws Exception {
        Map<String, String> env = Map.of();
        boolean enrolled = reuse && Files.exists(data.resolve("load-enrolment.md"));
        Path product = data.resolve("product");
        if (!reuse) {
            // A fresh run: the baseline server starts from the realm file again too.
            deleteTree(data.resolve("plain"));
        }
        List<String> recordIds;
        String enrolment;
        try (LoadServer ours = LoadServer.product(root, product, PORT, STORE_PORT, !reuse, env)) {
            if (enrolled) {
                enrolment = Files.readString(data.resolve("load-enrolment.md"));
                recordIds = Files.readAllLines(data.resolve("load-record-ids.txt"));
            } else {
                recordIds = new ArrayList<>();
                enrolment = enrol(ours, recordIds);
                Files.writeString(data.resolve("load-enrolment.md"), enrolment);
                Files.write(data.resolve("load-record-ids.txt"), recordIds);
            }
            if (Boolean.getBoolean("benchmark.enrolmentOnly")) {
                return;
            }
            awaitSearchReady(ours);
            try (LoadServer plain = LoadServer.plain(root, data.resolve("plain"), PLAIN_PORT, env)) {
                Target with = new Target(ours);
                Target without = new Target(plain);
                assertThat(with.students).as("students with accounts and records").hasSizeGreaterThan(16);
                Map<String, Map<Integer, Cell[]>> compared = new LinkedHashMap<>();
                Map<String, Map<Integer, Cell>> alone = new LinkedHashMap<>();
                String phases = "the record-read phases, one recording per thread count";
                FlightProfile profile = new FlightProfile(data.resolve("profile"), FlightProfile.KEYCLOAK, phases);
                FlightProfile storeProfile = new FlightProfile(data.resolve("profile"), FlightProfile.STORE, phases);
                for (int threads : THREADS) {
                    compare(compared, "sign-in (authorization code + PKCE, login form)", threads, with, without,
                        target -> signIns(target));
                    compare(compared, "client-credentials grant", threads, with, without,
                        target -> clientCredentials(target));
                    compare(compared, "refresh grant", threads, with, without, target -> refreshes(target));
                    compare(compared, "Keycloak's `GET /admin/realms/campus/users/{id}`", threads, with, without,
                        target -> userReads(target));
                    profile.start(ours.keycloak());
                    storeProfile.start(ours.store().orElseThrow());
                    measure(alone, "`GET /student-records/records/{id}` (with the extension)", threads, with,
                        recordReads(with, recordIds));
                    storeProfile.stop(ours.store().orElseThrow());
                    profile.stop(ours.keycloak());
                    measure(alone, "`GET /student-records/search`", threads, with, searches(with));
                    measure(alone, "`PATCH /student-records/me` (a student's own contact)", threads, with,
                        selfEdits(with));
                    measure(alone, "mixed (all of the above, weighted)", threads, with, mixed(with, recordIds));
                }
                long storeFileBytes = Files.size(product.resolve("store/records.mv"));
                write(enrolment, compared, alone, profile.summary() + "\n" + storeProfile.summary(), storeFileBytes);
            }
        }
    }

    // ---- enrolment ------------------------------------------------------------------------------------------------

    /** Enrols the campus through the import and, for the baseline, inserts the same documents with the driver. */
    private String enrol(LoadServer ours, List<String> recordIds) throws Exception {
        List<String> lines = new ArrayList<>(STUDENTS);
        List<String> counties = DivisionCodes.all().keySet().stream().filter(code -> !code.endsWith("00")).toList();
        for (int n = 0; n < STUDENTS; n++) {
            lines.add(Api.JSON.writeValueAsString(student(n, counties)));
        }
        String phase = "the enrolment through the import";
        FlightProfile profile = new FlightProfile(data.resolve("profile"), FlightProfile.KEYCLOAK, phase);
        FlightProfile storeProfile = new FlightProfile(data.resolve("profile"), FlightProfile.STORE, phase);
        Duration cpuBefore = ours.cpu();
        Duration storeBefore = storeCpu(ours);
        profile.start(ours.keycloak());
        storeProfile.start(ours.store().orElseThrow());
        long importNanos = 0;
        long failed = 0;
        String firstError = "";
        for (int from = 0; from < lines.size(); from += IMPORT_ROWS) {
            List<String> chunk = lines.subList(from, Math.min(lines.size(), from + IMPORT_ROWS));
            String body = String.join("\n", chunk) + "\n";
            // Access tokens live five minutes: a sign-in for each request (outside the timing) keeps one valid.
            String admin = adminToken(ours);
            long start = System.nanoTime();
            HttpResponse<String> reply = http.send(HttpRequest.newBuilder(
                    URI.create(ours.base + "/realms/campus/student-records/records:import"))
                .timeout(Duration.ofMinutes(30)).header("Authorization", "Bearer " + admin)
                .header("Data-Purpose", "administration").header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            importNanos += System.nanoTime() - start;
            assertThat(reply.statusCode()).as("import answer: %s", abbreviate(reply.body())).isEqualTo(200);
            JsonNode report = Api.JSON.readTree(reply.body());
            failed += report.get("failed").asLong();
            for (JsonNode row : report.get("rows")) {
                if ("created".equals(row.path("status").asText())) {
                    recordIds.add(row.get("id").asText());
                } else if (firstError.isEmpty()) {
                    firstError = row.path("errors").toString();
                }
            }
        }
        storeProfile.stop(ours.store().orElseThrow());
        profile.stop(ours.keycloak());
        Duration importCpu = ours.cpu().minus(cpuBefore);
        Duration importStoreCpu = storeCpu(ours).minus(storeBefore);
        assertThat(recordIds).as("records created (failed rows: %d, the first: %s)", failed, firstError).hasSize(STUDENTS);

        long insertNanos;
        Duration insertStoreCpu;
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + STORE_PORT)) {
            MongoCollection<Document> students = client.getDatabase(BASELINE_DATABASE).getCollection("students");
            students.drop();
            storeBefore = storeCpu(ours);
            long start = System.nanoTime();
            for (int from = 0; from < lines.size(); from += IMPORT_ROWS) {
                List<Document> batch = new ArrayList<>();
                for (String line : lines.subList(from, Math.min(lines.size(), from + IMPORT_ROWS))) {
                    batch.add(Document.parse(line));
                }
                students.insertMany(batch);
            }
            insertNanos = System.nanoTime() - start;
            insertStoreCpu = storeCpu(ours).minus(storeBefore);
            assertThat(students.countDocuments()).isEqualTo(STUDENTS);
            client.getDatabase(BASELINE_DATABASE).drop();
        }
        double imported = STUDENTS / (importNanos / 1e9);
        double inserted = STUDENTS / (insertNanos / 1e9);
        StringBuilder md = new StringBuilder();
        md.append("| enrolment of ").append(String.format(Locale.ROOT, "%,d", STUDENTS))
            .append(" students | seconds | students/s | ratio | goal | met |\n|---|---|---|---|---|---|\n");
        md.append(String.format(Locale.ROOT, "| `POST /records:import` (NDJSON, %,d rows a request, one after another) "
                + "| %.1f | %.0f | %.3fx | at least 0.5x | %s |%n", IMPORT_ROWS, importNanos / 1e9, imported,
            imported / inserted, imported / inserted >= 0.5 ? "yes" : "**no**"));
        String enrolmentGoal = String.format(Locale.ROOT, "Goal: enrolment through `POST /records:import` at least 0.5x a "
            + "raw `insertMany` of the same documents: **%s** (%.3fx).%n%n", imported / inserted >= 0.5 ? "met" : "not met",
            imported / inserted);
        md.append(String.format(Locale.ROOT, "| raw driver `insertMany` of the same documents (%,d a call) into the "
                + "same store | %.1f | %.0f | 1x | | |%n", IMPORT_ROWS, insertNanos / 1e9, inserted));
        md.append(String.format(Locale.ROOT, "%nCPU used: the import %.1f s in Keycloak and %.1f s in the record store "
                + "(%.1f ms a student in all); the raw insert %.1f s in the record store.%n%n",
            importCpu.minus(importStoreCpu).toNanos() / 1e9, importStoreCpu.toNanos() / 1e9,
            importCpu.toNanos() / 1e6 / STUDENTS, insertStoreCpu.toNanos() / 1e9));
        md.append(enrolmentGoal);
        md.append(profile.summary()).append('\n').append(storeProfile.summary());
        return md.toString();
    }

    private static String adminToken(LoadServer ours) throws Exception {
        return new PasswordLogin(ours.base + "/realms/campus", SSLContext.getDefault())
            .person("dave.registrar", "openid " + Campus.ADMIN_SCOPES);
    }

    /** The {@code n}-th generated student (from 0): made-up name, a resident ID number no demo student has. */
    private static Map<String, Object> student(int n, List<String> counties) {
        Gender gender = n % 2 == 0 ? Gender.FEMALE : Gender.MALE;
        String county = counties.get(n % counties.size());
        int rest = n / counties.size();
        // Born in the 1990s (the demo's students are born after 2003), one day per county and round, then a sequence.
        LocalDate birth = LocalDate.of(1990, 1, 1).plusDays(rest % 3650);
        String residentId = ResidentIdNumber.compose(county, birth, gender, rest / 3650).value();
        String name = FAMILY[n % FAMILY.length] + GIVEN[(n / FAMILY.length) % GIVEN.length]
            + GIVEN[(n / (FAMILY.length * GIVEN.length)) % GIVEN.length];
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("profile", Map.of("studentNumber", String.format("LT%07d", n), "name", name, "gender", gender.name(),
            "status", "ENROLLED", "unit", CLASSES[n % CLASSES.length], "enrolmentDate", "2024-09-01"));
        body.put("identity", Map.of("residentIdNumber", residentId, "dateOfBirth", birth.toString(),
            "nativePlace", Map.of("code", county, "name", DivisionCodes.nameOf(county).orElseThrow())));
        body.put("contact", Map.of("mobilePhone", String.format("139%08d", n), "email",
            "load" + n + "@students.example.edu", "homeAddress", (1 + n % 300) + " Generated Road, Test Town"));
        body.put("guardians", List.of(Map.of("name", "Test Guardian " + n, "relationship", "MOTHER",
            "phone", String.format("137%08d", n), "emergencyContact", true)));
        return body;
    }

    private void awaitSearchReady(LoadServer ours) throws Exception {
        URI ready = URI.create(ours.base + "/realms/campus/student-records/health/ready");
        long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
        while (http.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
            assertThat(System.nanoTime()).as("the search index caught up").isLessThan(deadline);
            Thread.sleep(2000);
        }
    }

    // ---- scenarios ------------------------------------------------------------------------------------------------

    /** One client's operation against a target; made before the phase's clock starts. */
    @FunctionalInterface
    private interface Scenario {
        IntFunction<LoadPhase.Operation> clients(Target target) throws Exception;
    }

    private IntFunction<LoadPhase.Operation> signIns(Target target) {
        int clients = Arrays.stream(THREADS).max().orElseThrow();
        return t -> {
            HttpClient browser = target.browser();
            BrowserCookies cookies = (BrowserCookies) browser.cookieHandler().orElseThrow();
            // Each client signs in students of its own (those at its place modulo the most clients a phase runs): with
            // brute force detection on, Keycloak refuses a sign-in while another of the same account is in flight, and
            // on a campus a student does not sign in from two places at the same moment.
            List<String> own = IntStream.range(0, target.students.size()).filter(i -> i % clients == t % clients)
                    .mapToObj(target.students::get).toList();
            return () -> {
                cookies.clear();
                target.login.tokens(browser, own.get(ThreadLocalRandom.current().nextInt(own.size())), "openid");
            };
        };
    }

    private IntFunction<LoadPhase.Operation> clientCredentials(Target target) {
        return t -> () -> target.login.client(http, Campus.LIBRARY, LIBRARY_SECRET, "openid");
    }

    private IntFunction<LoadPhase.Operation> refreshes(Target target) {
        return t -> {
            HttpClient browser = target.browser();
            String[] refresh = {target.login.tokens(browser, target.students.get(t % target.students.size()), "openid")
                .get("refresh_token").asText()};
            return () -> refresh[0] = target.login.refresh(http, refresh[0]).get("refresh_token").asText();
        };
    }

    private IntFunction<LoadPhase.Operation> userReads(Target target) {
        String token = target.libraryToken();
        String users = target.server.base + "/admin/realms/campus/users/";
        return t -> () -> expect(200, get(users + pick(target.userIds), token, null));
    }

    private IntFunction<LoadPhase.Operation> recordReads(Target target, List<String> recordIds) {
        String token = target.libraryToken();
        String records = target.realm + "/student-records/records/";
        return t -> () -> expect(200, get(records + pick(recordIds), token, "library-services"));
    }

    private IntFunction<LoadPhase.Operation> searches(Target target) {
        String token = target.login.person("dave.registrar", "openid student.search student.profile.read");
        String search = target.realm + "/student-records/search?size=20&q=";
        return t -> () -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            String q = random.nextBoolean() ? String.format("LT%05d", random.nextInt(Math.max(1, STUDENTS / 100)))
                : FAMILY[random.nextInt(FAMILY.length)] + GIVEN[random.nextInt(GIVEN.length)];
            expect(200, get(search + URLEncoder.encode(q, StandardCharsets.UTF_8), token, "administration"));
        };
    }

    private IntFunction<LoadPhase.Operation> selfEdits(Target target) {
        String me = target.realm + "/student-records/me";
        return t -> {
            String username = target.students.get(t % target.students.size());
            String token = target.login.person(username, "openid student.self");
            String[] etag = {null};
            int[] edits = {0};
            return () -> {
                if (etag[0] == null) {
                    HttpResponse<String> record = get(me, token, null);
                    expect(200, record);
                    etag[0] = record.headers().firstValue("ETag").orElseThrow();
                }
                String phone = String.format("138%08d", (t * 1_000_000 + ++edits[0]) % 100_000_000);
                HttpResponse<String> changed = http.send(HttpRequest.newBuilder(URI.create(me))
                    .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token)
                    .header("Content-Type", Api.MERGE_PATCH).header("If-Match", etag[0])
                    .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"contact\":{\"mobilePhone\":\"" + phone + "\"}}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
                etag[0] = changed.headers().firstValue("ETag").orElse(null);
                expect(200, changed);
            };
        };
    }

    /** Each client picks, each time, one of the scenarios: reads 40%, searches 20%, grants 25%, sign-ins 5%, edits 10%. */
    private IntFunction<LoadPhase.Operation> mixed(Target target, List<String> recordIds) throws Exception {
        IntFunction<LoadPhase.Operation> reads = recordReads(target, recordIds);
        IntFunction<LoadPhase.Operation> search = searches(target);
        IntFunction<LoadPhase.Operation> grants = clientCredentials(target);
        IntFunction<LoadPhase.Operation> refresh = refreshes(target);
        IntFunction<LoadPhase.Operation> signIn = signIns(target);
        IntFunction<LoadPhase.Operation> edits = selfEdits(target);
        return t -> {
            LoadPhase.Operation[] ops = {reads.apply(t), search.apply(t), grants.apply(t), refresh.apply(t),
                signIn.apply(t), edits.apply(t)};
            int[] weights = {40, 20, 15, 10, 5, 10};
            return () -> {
                int roll = ThreadLocalRandom.current().nextInt(100);
                int i = 0;
                while (roll >= weights[i]) {
                    roll -= weights[i++];
                }
                ops[i].run();
            };
        };
    }

    // ---- phases ---------------------------------------------------------------------------------------------------

    private void compare(Map<String, Map<Integer, Cell[]>> table, String scenario, int threads, Target with,
            Target without, Scenario clients) throws Exception {
        Cell[] cells = table.computeIfAbsent(scenario, s -> new LinkedHashMap<>())
            .computeIfAbsent(threads, n -> new Cell[] {new Cell(), new Cell()});
        // A short warm-up of each side, then rounds in which the side that goes first alternates.
        LoadPhase.run(threads, Duration.ofSeconds(3), clients.clients(with));
        LoadPhase.run(threads, Duration.ofSeconds(3), clients.clients(without));
        for (int round = 0; round < ROUNDS; round++) {
            for (int i = 0; i < 2; i++) {
                int side = (round + i) % 2;
                Target target = side == 0 ? with : without;
                phase(cells[side], threads, target, clients.clients(target));
            }
        }
    }

    private void measure(Map<String, Map<Integer, Cell>> table, String scenario, int threads, Target target,
            IntFunction<LoadPhase.Operation> clients) throws Exception {
        Cell cell = table.computeIfAbsent(scenario, s -> new LinkedHashMap<>()).computeIfAbsent(threads, n -> new Cell());
        LoadPhase.run(threads, Duration.ofSeconds(3), clients);
        for (int round = 0; round < ROUNDS; round++) {
            phase(cell, threads, target, clients);
        }
    }

    private static void phase(Cell cell, int threads, Target target, IntFunction<LoadPhase.Operation> clients)
            throws Exception {
        Duration cpuBefore = target.server.cpu();
        Duration storeBefore = storeCpu(target.server);
        LoadPhase.Result result = LoadPhase.run(threads, PHASE, clients);
        cell.add(result, target.server.cpu().minus(cpuBefore), storeCpu(target.server).minus(storeBefore));
    }

    private static Duration storeCpu(LoadServer server) {
        return server.store().flatMap(p -> p.info().totalCpuDuration()).orElse(Duration.ZERO);
    }

    // ---- HTTP -----------------------------------------------------------------------------------------------------

    private HttpResponse<String> get(String uri, String token, String purpose) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(60))
            .header("Authorization", "Bearer " + token);
        if (purpose != null) {
            request.header("Data-Purpose", purpose);
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void expect(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().method() + " " + response.uri().getPath() + " answered "
                + response.statusCode());
        }
    }

    private static String pick(List<String> values) {
        return values.get(ThreadLocalRandom.current().nextInt(values.size()));
    }

    private JsonNode getJson(String uri, String token) throws Exception {
        HttpResponse<String> reply = get(uri, token, null);
        expect(200, reply);
        return Api.JSON.readTree(reply.body());
    }

    private String masterAdminToken(String base) throws Exception {
        HttpResponse<String> reply = http.send(HttpRequest.newBuilder(
                URI.create(base + "/realms/master/protocol/openid-connect/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=admin-cli&username=admin&password=admin"))
            .build(), HttpResponse.BodyHandlers.ofString());
        expect(200, reply);
        return Api.JSON.readTree(reply.body()).get("access_token").asText();
    }

    /** The baseline reads users with the library's token: its service account may view users for it (both servers). */
    private void allowLibraryToViewUsers(String base, String admin) throws Exception {
        String realm = base + "/admin/realms/campus";
        String library = getJson(realm + "/clients?clientId=" + Campus.LIBRARY, admin).get(0).get("id").asText();
        String management = getJson(realm + "/clients?clientId=realm-management", admin).get(0).get("id").asText();
        JsonNode viewUsers = getJson(realm + "/clients/" + management + "/roles/view-users", admin);
        String account = getJson(realm + "/clients/" + library + "/service-account-user", admin).get("id").asText();
        HttpResponse<String> added = http.send(HttpRequest.newBuilder(
                URI.create(realm + "/users/" + account + "/role-mappings/clients/" + management))
            .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("[" + viewUsers + "]")).build(), HttpResponse.BodyHandlers.ofString());
        expect(204, added);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    // ---- report ---------------------------------------------------------------------------------------------------

    private void write(String enrolment, Map<String, Map<Integer, Cell[]>> compared, Map<String, Map<Integer, Cell>> alone,
            String profile, long storeFileBytes) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# Campus under load: the product against the same Keycloak without the extension\n\n");
        md.append("Made by `").append(command()).append("` (from the repository root) on ").append(Instant.now())
            .append(", ").append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ")
            .append(System.getProperty("java.version")).append(", ").append(System.getProperty("os.name")).append(' ')
            .append(System.getProperty("os.arch")).append(". ").append(String.format(Locale.ROOT, "%,d", STUDENTS))
            .append(" generated students; phases of ").append(PHASE.toSeconds()).append(" s, ").append(ROUNDS)
            .append(" rounds each after a 3 s warm-up; the client, both servers and the record store share the machine.")
            .append("\n\n");
        md.append("| scenario | threads | with (req/s, median) | without (req/s, median) | ratio | goal | met | p50 with (ms) "
            + "| p50 without (ms) | p99 with (ms) | p99 without (ms) |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
        String usersRow = "Keycloak's `GET /admin/realms/campus/users/{id}`";
        List<String> goals = new ArrayList<>();
        for (var scenario : compared.entrySet()) {
            if (scenario.getKey().equals(usersRow)) {
                continue;
            }
            for (var byThreads : scenario.getValue().entrySet()) {
                Cell with = byThreads.getValue()[0];
                Cell without = byThreads.getValue()[1];
                md.append(row(scenario.getKey(), byThreads.getKey(), with, without, 0.9, goals));
            }
        }
        Map<String, Map<Integer, Cell>> reads = new LinkedHashMap<>();
        for (var scenario : alone.entrySet()) {
            if (scenario.getKey().startsWith("`GET /student-records/records/")) {
                reads.put(scenario.getKey(), scenario.getValue());
            }
        }
        for (var byThreads : reads.values().iterator().next().entrySet()) {
            Cell without = compared.get(usersRow).get(byThreads.getKey())[1];
            md.append(row("read: `GET /records/{id}` (with) against Keycloak's user read (without)", byThreads.getKey(),
                byThreads.getValue(), without, 1.0, goals));
        }
        md.append("\nGoals: ").append(String.join("; ", goals)).append(".\n");
        md.append("\nA sign-in is three requests (the login form, the form posted, the code exchanged). \"with\" is ")
            .append("`deploy/run.sh` (Keycloak ").append(LoadServer.KEYCLOAK_VERSION).append(", `start-dev`, the ")
            .append("extension, the record store process); \"without\" is the same distribution archive unpacked with an ")
            .append("empty `providers/`, `start-dev`, the same demo realm file (its account theme left out, the theme ")
            .append("being the extension's). Both run at the same time; the side that goes first alternates by round.\n\n");
        md.append("## Every phase\n\n| scenario | threads | server | req/s (median) | p50 (ms) | p99 (ms) | operations | "
            + "failed | server CPU ms/op | of which record store |\n|---|---|---|---|---|---|---|---|---|---|\n");
        for (var scenario : compared.entrySet()) {
            for (var byThreads : scenario.getValue().entrySet()) {
                md.append(detail(scenario.getKey(), byThreads.getKey(), "with", byThreads.getValue()[0]));
                md.append(detail(scenario.getKey(), byThreads.getKey(), "without", byThreads.getValue()[1]));
            }
        }
        for (var scenario : alone.entrySet()) {
            for (var byThreads : scenario.getValue().entrySet()) {
                md.append(detail(scenario.getKey(), byThreads.getKey(), "with", byThreads.getValue()));
            }
        }
        md.append("\n## Enrolment\n\n").append(enrolment);
        md.append("\n## The record store's file\n\n").append(String.format(Locale.ROOT, "`data/store/records.mv` after "
            + "the phases, the store still running: %,d MB (`--durability commit`, as `deploy/run.sh` runs it: the room "
            + "of a replaced chunk is written over 64 commits later in this mode, and the store commits once for each "
            + "group of writes; see the README's \"Keys and data\").%n", storeFileBytes >> 20));
        md.append("\n## Where the time goes in the read phase\n\n").append(profile).append(notes);
        Path out = Path.of(System.getProperty("benchmark.out", "benchmarks/campus-load.md"));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, md.toString());
    }

    /** The command, with the settings this run was given (a smaller campus, other phase lengths). */
    private static String command() {
        StringBuilder command = new StringBuilder(COMMAND);
        for (String setting : List.of("benchmark.students", "benchmark.seconds", "benchmark.rounds")) {
            if (System.getProperty(setting) != null) {
                command.append(" -D").append(setting).append('=').append(System.getProperty(setting));
            }
        }
        return command.toString();
    }

    /** A row of the with/without table; its goal, stated as the report reads goals, is added to {@code goals}. */
    private static String row(String scenario, int threads, Cell with, Cell without, double goal, List<String> goals) {
        double ratio = with.median() / without.median();
        goals.add(String.format(Locale.ROOT, "%s at %d threads at least %.1fx: **%s** (%.2fx)", scenario.replace(";", ","),
            threads, goal, ratio >= goal ? "met" : "not met", ratio));
        return String.format(Locale.ROOT, "| %s | %d | %.0f | %.0f | %.2fx | at least %.1fx | %s | %.2f | %.2f | %.2f | %.2f |%n",
            scenario, threads, with.median(), without.median(), ratio, goal, ratio >= goal ? "yes" : "**no**",
            with.millis(50), without.millis(50), with.millis(99), without.millis(99));
    }

    private static String detail(String scenario, int threads, String server, Cell cell) {
        return String.format(Locale.ROOT, "| %s | %d | %s | %.0f | %.2f | %.2f | %d | %d%s | %.2f | %.2f |%n", scenario,
            threads, server, cell.median(), cell.millis(50), cell.millis(99), cell.operations, cell.failures,
            cell.firstFailure == null ? "" : " (first: " + cell.firstFailure.replace('|', '/') + ")",
            cell.cpuMillisPerOperation(), cell.storeCpuMillisPerOperation());
    }
}
