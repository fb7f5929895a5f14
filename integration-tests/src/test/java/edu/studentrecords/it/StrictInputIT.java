package edu.studentrecords.it;

import static edu.studentrecords.it.Campus.ADMIN_SCOPES;
import static edu.studentrecords.it.Campus.HISTORY_CLASS;
import static edu.studentrecords.it.Campus.PHYSICS_CLASS;
import static edu.studentrecords.it.Campus.PORTAL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Strict input and safe output, against a real Keycloak: every body the API reads is strict JSON in UTF-8 (no trailing
 * content, no duplicate keys, at most 32 levels deep) sent with its content type; text fields refuse control
 * characters and bidirectional overrides, naming the field and the rule; grant agreements are PDF, PNG or JPEG by
 * their bytes and come back as attachments of that type; no answer may be cached; preflights are answered for the
 * realm's web origins only; the import's 16 MiB cap answers a problem. A refused body changes nothing.
 */
@KeycloakIntegrationTest(config = StudentRecordsServer.class)
class StrictInputIT {

    private static final String JSON = "application/json";
    private static final String CENTRE_SCOPES = ADMIN_SCOPES + " student.purge student.audit";
    /** A PDF, a PNG and a JPEG as far as their first bytes go; the rest is generated filler. */
    private static final byte[] PDF = bytes("%PDF-1.7\n% generated test agreement\n%%EOF\n");
    private static final byte[] PNG = join(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'},
        bytes("generated test agreement"));
    private static final byte[] JPEG = join(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0},
        bytes("generated test agreement"));
    private static final int MIB = 1024 * 1024;

    @InjectRealm(ref = "strict")
    ManagedRealm realm;

    @InjectOAuthClient
    OAuthClient oauth;

    @RegisterExtension
    static final CampusWorld<StrictInputIT, World> WORLD = CampusWorld.of(StrictInputIT.class, t -> t.realm,
        t -> t.oauth, StrictInputIT::world);

    /** The campus, Alice's record, a report and a correction request of hers, and who calls. */
    record World(Campus campus, String aliceRecord, String report, String correction, String settings, Caller admin,
                 Caller alice) {
    }

    private static World world(StrictInputIT test, Campus campus) {
        String admin = campus.signIn(test.oauth, "ada", PORTAL, CENTRE_SCOPES);
        String aliceRecord = campus.enrol(admin, GeneratedStudent.number(301, PHYSICS_CLASS), "alice");
        String alice = campus.signIn(test.oauth, "alice", PORTAL, "student.self");
        Api.Reply report = campus.api.call("POST", "/me/reports", alice, null)
            .json(JSON, Map.of("message", "Who read my record?", "auditEntries", List.of())).send();
        assertThat(report.status()).as(report.body()).isEqualTo(201);
        Api.Reply correction = campus.api.call("POST", "/me/corrections", alice, null)
            .json(JSON, Map.of("changes", Map.of("profile", Map.of("name", "Alice Strict")), "reason", "Spelling"))
            .send();
        assertThat(correction.status()).as(correction.body()).isEqualTo(201);
        Api.Reply settings = campus.api.call("GET", "/settings", admin, "administration").send();
        assertThat(settings.status()).as(settings.body()).isEqualTo(200);
        return new World(campus, aliceRecord, report.json().get("id").asText(), correction.json().get("id").asText(),
            settings.body(), new Caller("ada", admin, "administration"), new Caller("alice", alice, null));
    }

    @Test
    void trailingTextDuplicateKeysDeepNestingAndInvalidUtf8AreMalformedAndChangeNothing() {
        World w = WORLD.get();
        String before = fingerprint(w);
        List<String> unexpected = new ArrayList<>();
        int sent = 0;
        for (BodyEndpoint endpoint : bodyEndpoints(w)) {
            Map<String, byte[]> variants = new LinkedHashMap<>();
            variants.put("trailing text", bytes(endpoint.body() + " xyz"));
            variants.put("a second document", bytes(endpoint.body() + endpoint.body()));
            variants.put("a duplicate key", bytes(duplicatingFirstKey(endpoint.body())));
            variants.put("1,200 levels", bytes(replacingFirstValue(endpoint.body(), nested(1200))));
            variants.put("33 levels", bytes(replacingFirstValue(endpoint.body(), nested(33))));
            variants.put("bytes that are not UTF-8", notUtf8(replacingFirstValue(endpoint.body(), "\"#\""), '#',
                new byte[] {(byte) 0xff, (byte) 0xfe}));
            variants.put("a UTF-8 encoded surrogate", notUtf8(replacingFirstValue(endpoint.body(), "\"#\""), '#',
                new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}));
            for (Map.Entry<String, byte[]> variant : variants.entrySet()) {
                Api.Reply reply = endpoint.send(w, endpoint.contentType(), variant.getValue());
                sent++;
                if (reply.status() != 400 || !problemType(reply).endsWith("/malformed-request")) {
                    unexpected.add(endpoint + " with " + variant.getKey() + ": " + reply.status() + " " + reply.body());
                }
            }
        }
        assertThat(unexpected).as("%d of %d malformed bodies not answered 400 malformed-request", unexpected.size(),
            sent).isEmpty();
        assertThat(fingerprint(w)).as("what the store holds after the refused bodies").isEqualTo(before);
    }

    @Test
    void everyEndpointThatTakesABodyWantsItsContentType() {
        World w = WORLD.get();
        String before = fingerprint(w);
        // None, what curl sends unless told, another type, and a charset other than UTF-8.
        List<String> types = new ArrayList<>(Arrays.asList(null, "application/x-www-form-urlencoded", "text/plain",
            "application/json; charset=ISO-8859-1"));
        List<String> unexpected = new ArrayList<>();
        int sent = 0;
        for (String type : types) {
            for (BodyEndpoint endpoint : bodyEndpoints(w)) {
                Api.Reply reply = endpoint.send(w, type, bytes(endpoint.body()));
                sent++;
                if (reply.status() != 415 || !problemType(reply).endsWith("/unsupported-media-type")) {
                    unexpected.add(endpoint + " as " + type + ": " + reply.status() + " " + reply.body());
                }
            }
            Api.Reply untypedImport = w.campus().api.call("POST", "/records:import", w.admin().token(), "administration")
                .bytes(type, bytes(ImportIT.HEADER + "\n" + ImportIT.csv(GeneratedStudent.number(303, PHYSICS_CLASS))))
                .send();
            sent++;
            if (untypedImport.status() != 415 || !problemType(untypedImport).endsWith("/unsupported-media-type")) {
                unexpected.add("POST /records:import as " + type + ": " + untypedImport.status() + " "
                    + untypedImport.body());
            }
        }
        assertThat(unexpected).as("%d of %d bodies of no or another content type not answered 415",
            unexpected.size(), sent).isEmpty();
        assertThat(fingerprint(w)).isEqualTo(before);
    }

    @Test
    void controlCharactersAndBidiOverridesAreRefusedByFieldAndRuleNeverEchoed() {
        World w = WORLD.get();
        String before = fingerprint(w);
        String r = "/records/" + w.aliceRecord();
        List<Refusal> refusals = List.of(
            new Refusal("POST", "/records", w.admin(), enrolment(304, "profile", "name", "Qzv\u0000Student"),
                "profile.name", "plain-text"),
            new Refusal("POST", "/records", w.admin(), enrolment(305, "profile", "name", "Qzv\u202eStudent"),
                "profile.name", "plain-text"),
            new Refusal("POST", "/records", w.admin(), enrolment(306, "profile", "name", "Qzv\nStudent"),
                "profile.name", "one-line"),
            new Refusal("POST", "/records", w.admin(), enrolment(307, "contact", "homeAddress", "1 Qzv Road\u0007"),
                "contact.homeAddress", "plain-text"),
            new Refusal("POST", "/records", w.admin(), guardianNamed(308, "Qzv\u2066Guardian"), "guardians[0].name",
                "plain-text"),
            new Refusal("PATCH", r, w.admin(), Map.of("contact", Map.of("homeAddress", "2 Qzv Road\u202e")),
                "contact.homeAddress", "plain-text"),
            new Refusal("PATCH", r, w.admin(), Map.of("contact", Map.of("homeAddress", "4 Qzv\u200f Road")),
                "contact.homeAddress", "plain-text"),
            new Refusal("PATCH", r, w.admin(), Map.of("contact", Map.of("homeAddress", "5 Qzv\u200b Road")),
                "contact.homeAddress", "plain-text"),
            new Refusal("PATCH", "/me", w.alice(), Map.of("contact", Map.of("homeAddress", "3 Qzv\u0000Road")),
                "contact.homeAddress", "plain-text"),
            new Refusal("POST", "/me/corrections", w.alice(),
                Map.of("changes", Map.of("profile", Map.of("name", "Qzv\u202dAlice")), "reason", "Spelling"),
                "profile.name", "plain-text"),
            new Refusal("POST", "/me/corrections", w.alice(),
                Map.of("changes", Map.of("profile", Map.of("name", "Alice Qzv")), "reason", "Qzv\u0000"),
                "reason", "plain-text"),
            new Refusal("POST", "/me/reports", w.alice(), Map.of("message", "Qzv\u2068", "auditEntries", List.of()),
                "message", "plain-text"),
            new Refusal("POST", "/corrections/" + w.correction() + "/reject", w.admin(),
                Map.of("reason", "\u001b[31mQzv"), "reason", "plain-text"),
            new Refusal("POST", "/corrections/" + w.correction() + "/approve", w.admin(),
                Map.of("note", "Qzv\u202a"), "note", "plain-text"),
            new Refusal("POST", r + "/purge-requests", w.admin(), Map.of("reason", "Qzv\u0007"), "reason",
                "plain-text"),
            new Refusal("POST", r + "/legal-holds", w.admin(), Map.of("reason", "Qzv\u2067"), "reason", "plain-text"),
            new Refusal("POST", r + "/paper-copies", w.admin(),
                Map.of("location", "Cabinet 3", "custodian", "Qzv\nRegistry", "destroyBy", "2031-01-31"), "custodian",
                "one-line"),
            new Refusal("POST", "/reports/" + w.report() + "/triage", w.admin(),
                Map.of("severity", "LOW", "assignee", "eli\u0000Qzv", "linkedEntries", List.of()), "assignee",
                "plain-text"),
            new Refusal("POST", "/reports/" + w.report() + "/resolve", w.admin(), Map.of("outcome", "Qzv\u202e"),
                "outcome", "plain-text"),
            new Refusal("PUT", "/settings", w.admin(), withCentreEmail(w, "qzv\u0000@school.example"), "centreEmail",
                "plain-text"),
            new Refusal("POST", "/grants", w.admin(), grant("CSB-Qzv\u202e", "agreement.pdf", "application/pdf", PDF),
                "agreement.reference", "plain-text"),
            new Refusal("POST", "/grants", w.admin(), grant("CSB-2026-701", "Qzv\r\n.pdf", "application/pdf", PDF),
                "agreement.fileName", "one-line"));
        List<String> unexpected = new ArrayList<>();
        for (Refusal refusal : refusals) {
            Api.Reply reply = refusal.send(w);
            List<String> errors = new ArrayList<>();
            if (reply.status() == 422) {
                reply.json().get("errors").forEach(e -> errors.add(e.get("field").asText() + ":" + e.get("rule").asText()));
            }
            if (reply.status() != 422 || !errors.contains(refusal.field() + ":" + refusal.rule())) {
                unexpected.add(refusal + ": " + reply.status() + " " + reply.body());
            } else if (reply.everything().contains("Qzv")) {
                unexpected.add(refusal + " echoes the value: " + reply.body());
            }
        }
        assertThat(unexpected).as("text with control characters not refused by field and rule").isEmpty();
        assertThat(fingerprint(w)).as("what the store holds after the refusals").isEqualTo(before);

        // Letters of any script, punctuation and, where a field is multi-line by nature, line breaks are text.
        Api.Reply chinese = w.campus().api.call("POST", "/records", w.admin().token(), "administration")
            .json(JSON, enrolment(309, "profile", "name", "欧阳·王小明")).send();
        assertThat(chinese.status()).as(chinese.body()).isEqualTo(201);
        Api.Reply accented = w.campus().api.call("POST", "/records", w.admin().token(), "administration")
            .json(JSON, enrolment(310, "profile", "name", "Zoë O'Brien-Núñez")).send();
        assertThat(accented.status()).as(accented.body()).isEqualTo(201);
        Api.Reply lines = w.campus().api.call("POST", "/me/reports", w.alice().token(), null)
            .json(JSON, Map.of("message", "First line,\r\nsecond line\n\tand a third.", "auditEntries", List.of()))
            .send();
        assertThat(lines.status()).as(lines.body()).isEqualTo(201);
        assertThat(lines.json().get("message").asText()).isEqualTo("First line,\r\nsecond line\n\tand a third.");
    }

    @Test
    void aValueOfAnotherJsonTypeIsMalformedAndAGrantEndsWithinTenYears() {
        World w = WORLD.get();
        String before = fingerprint(w);
        Api api = w.campus().api;
        String r = "/records/" + w.aliceRecord();
        List<String> unexpected = new ArrayList<>();
        Map<String, Api.Call> requests = new LinkedHashMap<>();
        requests.put("days as text", api.call("PUT", "/retention/policy", w.admin().token(), "administration").json(JSON,
            "{\"archiveOn\":[\"GRADUATED\"],\"destroyAfterDays\":\"1825\",\"archiveRetentionDays\":3650}"));
        requests.put("days as a fraction", api.call("PUT", "/retention/policy", w.admin().token(), "administration")
            .json(JSON, "{\"archiveOn\":[\"GRADUATED\"],\"destroyAfterDays\":1825.5,\"archiveRetentionDays\":3650}"));
        requests.put("an entry as text", api.call("POST", "/me/reports", w.alice().token(), null).json(JSON,
            "{\"message\":\"Who read it?\",\"auditEntries\":[\"1\"]}"));
        requests.put("an entry as a fraction", api.call("POST", "/me/reports", w.alice().token(), null).json(JSON,
            "{\"message\":\"Who read it?\",\"auditEntries\":[1.7]}"));
        requests.put("a boolean as a number", api.call("POST", "/retention/runs", w.admin().token(), "administration")
            .json(JSON, "{\"dryRun\":0}"));
        requests.put("a text as a number", api.call("POST", r + "/legal-holds", w.admin().token(), "administration")
            .json(JSON, "{\"reason\":12}"));
        requests.put("days as an empty text", api.call("PUT", "/retention/policy", w.admin().token(), "administration")
            .json(JSON, "{\"archiveOn\":[\"GRADUATED\"],\"destroyAfterDays\":1825,\"archiveRetentionDays\":3650,"
                + "\"auditRetentionDays\":\"\"}"));
        requests.put("a boolean as an empty text", api.call("POST", "/retention/runs", w.admin().token(),
            "administration").json(JSON, "{\"dryRun\":\"\"}"));
        // Jackson's own reader takes a text of digits as seconds since 1970.
        Map<String, Object> digits = grant("CSB-2026-789", "agreement.pdf", "application/pdf", PDF);
        digits.put("expiresAt", "1800000000");
        requests.put("an instant as seconds", api.call("POST", "/grants", w.admin().token(), "administration")
            .json(JSON, digits));
        for (Map.Entry<String, Api.Call> request : requests.entrySet()) {
            Api.Reply reply = request.getValue().send();
            if (reply.status() != 400 || !reply.json().get("type").asText().endsWith("/malformed-request")) {
                unexpected.add(request.getKey() + ": " + reply.status() + " " + reply.body());
            }
        }
        assertThat(unexpected).as("values of another JSON type not refused as malformed").isEmpty();

        Map<String, Object> forever = grant("CSB-2026-790", "agreement.pdf", "application/pdf", PDF);
        forever.put("expiresAt", "+999999999-12-31T23:59:59Z");
        Map<String, Object> eleven = grant("CSB-2026-791", "agreement.pdf", "application/pdf", PDF);
        eleven.put("expiresAt", Instant.now().plus(Duration.ofDays(366 * 11)).toString());
        for (Map<String, Object> body : List.of(forever, eleven)) {
            Api.Reply reply = api.call("POST", "/grants", w.admin().token(), "administration").json(JSON, body).send();
            assertThat(reply.status()).as(reply.body()).isEqualTo(422);
            assertThat(reply.json().get("errors").findValuesAsText("rule")).containsExactly("grant.expiry");
        }
        assertThat(fingerprint(w)).as("what the store holds after the refusals").isEqualTo(before);
    }

    @Test
    void agreementsArePdfPngOrJpegByTheirBytesAndComeBackAsAttachments() {
        World w = WORLD.get();
        Api api = w.campus().api;
        long grants = WORLD.raw().count("grants");
        List<String> unexpected = new ArrayList<>();
        Map<String, Map<String, Object>> refused = new LinkedHashMap<>();
        refused.put("HTML", grant("CSB-2026-702", "agreement.html", "text/html",
            bytes("<html><script>alert(1)</script></html>")));
        refused.put("a PNG declared as PDF", grant("CSB-2026-703", "agreement.pdf", "application/pdf", PNG));
        refused.put("HTML declared as PDF", grant("CSB-2026-704", "agreement.pdf", "application/pdf",
            bytes("<script>alert(1)</script>")));
        refused.put("a type with a line break", grant("CSB-2026-705", "agreement.pdf",
            "application/pdf\r\nX-Injected: 1", PDF));
        refused.put("no type", grant("CSB-2026-706", "agreement.pdf", null, PDF));
        for (Map.Entry<String, Map<String, Object>> body : refused.entrySet()) {
            Api.Reply reply = api.call("POST", "/grants", w.admin().token(), "administration").json(JSON, body.getValue())
                .send();
            List<String> fields = reply.status() == 422 ? reply.json().get("errors").findValuesAsText("field") : List.of();
            if (fields.stream().noneMatch(f -> f.startsWith("agreement.content"))) {
                unexpected.add(body.getKey() + ": " + reply.status() + " " + reply.body());
            }
        }
        assertThat(unexpected).as("agreements that are not PDF, PNG or JPEG by their bytes").isEmpty();
        assertThat(WORLD.raw().count("grants")).isEqualTo(grants);

        Map<String, byte[]> accepted = Map.of("application/pdf", PDF, "image/png", PNG, "image/jpeg", JPEG);
        for (Map.Entry<String, byte[]> file : accepted.entrySet()) {
            String declared = file.getKey().equals("image/jpeg") ? "IMAGE/JPEG; name=scan" : file.getKey();
            Api.Reply requested = api.call("POST", "/grants", w.admin().token(), "administration")
                .json(JSON, grant("CSB-2026-71" + file.getValue().length % 10, "signed agreement (final).bin",
                    declared, file.getValue())).send();
            assertThat(requested.status()).as(requested.body()).isEqualTo(201);
            String id = requested.json().get("id").asText();
            assertThat(requested.json().at("/agreement/contentType").asText()).isEqualTo(file.getKey());
            Api.Reply download = api.call("GET", "/grants/" + id + "/agreement", w.admin().token(), "administration")
                .send();
            assertThat(download.status()).isEqualTo(200);
            assertThat(download.header("Content-Type")).isEqualTo(file.getKey());
            assertThat(download.header("X-Content-Type-Options")).isEqualTo("nosniff");
            String extension = file.getKey().substring(file.getKey().indexOf('/') + 1).replace("jpeg", "jpg");
            assertThat(download.header("Content-Disposition"))
                .isEqualTo("attachment; filename=\"agreement-" + id + "." + extension + "\"");
            assertThat(download.header("Cache-Control")).isEqualTo("no-store");
            if (file.getValue() == PDF) {
                assertThat(download.body().getBytes(StandardCharsets.UTF_8)).isEqualTo(PDF);
            }
        }
    }

    @Test
    void noAnswerOfTheApiMayBeCached() {
        World w = WORLD.get();
        Api api = w.campus().api;
        List<Api.Reply> replies = List.of(
            api.call("GET", "/me", w.alice().token(), null).send(),
            api.call("GET", "/me/export", w.alice().token(), null).send(),
            api.call("GET", "/records/" + w.aliceRecord(), w.admin().token(), "administration").send(),
            api.call("GET", "/records/" + UUID.randomUUID(), w.admin().token(), "administration").send(),
            api.call("GET", "/records/" + w.aliceRecord(), w.admin().token(), "marketing").send(),
            api.call("GET", "/me", null, null).send(),
            api.call("POST", "/me/reports", w.alice().token(), null).json(JSON, "{} xyz").send());
        assertThat(replies).extracting(Api.Reply::status).containsExactly(200, 200, 200, 404, 403, 401, 400);
        assertThat(replies).allSatisfy(reply -> assertThat(reply.header("Cache-Control")).as("%s", reply)
            .isEqualTo("no-store"));
    }

    @Test
    void preflightsAreAnsweredForTheWebOriginsOfTheRealmsClientsOnly() {
        World w = WORLD.get();
        String server = origin(w.campus().realm.getBaseUrl());
        String portalRedirect = origin(oauth.config().getRedirectUri());
        for (String allowed : List.of("http://localhost:5173", "http://localhost:3000", server, portalRedirect)) {
            Api.Reply preflight = preflight(w, allowed);
            assertThat(preflight.status()).as("preflight from %s", allowed).isEqualTo(200);
            assertThat(preflight.header("Access-Control-Allow-Origin")).as("preflight from %s", allowed)
                .isEqualTo(allowed);
            assertThat(preflight.header("Access-Control-Allow-Credentials")).isEqualTo("true");
            assertThat(preflight.header("Access-Control-Allow-Methods")).contains("PATCH", "PUT");
            assertThat(preflight.header("Access-Control-Allow-Headers")).contains("If-Match", "Data-Purpose");
        }
        for (String refused : List.of("https://attacker.example", "http://localhost.attacker.example",
            "http://localhost:5173.attacker.example", "null", "https://localhost:5173")) {
            Api.Reply preflight = preflight(w, refused);
            assertThat(preflight.header("Access-Control-Allow-Origin")).as("preflight from %s", refused).isNull();
            assertThat(preflight.header("Access-Control-Allow-Credentials")).as("preflight from %s", refused).isNull();
            assertThat(preflight.status()).as("preflight from %s", refused).isEqualTo(403);
        }

        // A browser application on a local port calls with the portal's token: its origin is one of the token's.
        Api.Reply fromLocalApp = w.campus().api.call("GET", "/me", w.alice().token(), null)
            .header("Origin", "http://localhost:5173").send();
        assertThat(fromLocalApp.status()).as(fromLocalApp.body()).isEqualTo(200);
        assertThat(fromLocalApp.header("Access-Control-Allow-Origin")).isEqualTo("http://localhost:5173");
        // The headers the README tells apps to read, readable by the page's script.
        assertThat(fromLocalApp.header("Access-Control-Expose-Headers")).isNotNull();
        assertThat(List.of(fromLocalApp.header("Access-Control-Expose-Headers").split(",\\s*")))
            .contains("ETag", "Location", "Retry-After");
        Api.Reply fromElsewhere = w.campus().api.call("GET", "/me", w.alice().token(), null)
            .header("Origin", "https://attacker.example").send();
        assertThat(fromElsewhere.status()).isEqualTo(403);
        assertThat(fromElsewhere.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void theImportTakesSixteenMebibytesAndAnswersALargerFileWithAProblem() {
        World w = WORLD.get();
        long records = WORLD.raw().count("records");
        // Above the HTTP layer's 10 MiB default, below the cap: read, its one row refused for its address.
        String row = ImportIT.csv(GeneratedStudent.number(311, HISTORY_CLASS));
        String longAddress = "9".repeat(12 * MIB);
        String twelve = ImportIT.HEADER + "\n" + row.replace(GeneratedStudent.number(311, HISTORY_CLASS).homeAddress(),
            longAddress) + "\n";
        Api.Reply read = importFile(w, twelve);
        assertThat(read.status()).as(abbreviated(read.body())).isEqualTo(200);
        assertThat(read.json().get("failed").asInt()).isEqualTo(1);
        assertThat(read.json().at("/rows/0/errors").findValuesAsText("field")).contains("contact.homeAddress");

        String overCap = ImportIT.HEADER + "\n" + "X".repeat(16 * MIB + 1 - ImportIT.HEADER.length() - 1);
        assertThat(overCap.length()).isEqualTo(16 * MIB + 1);
        Api.Reply tooLarge = importFile(w, overCap);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.header("Content-Type")).startsWith("application/problem+json");
        assertThat(problemType(tooLarge)).endsWith("/too-large");
        assertThat(WORLD.raw().count("records")).isEqualTo(records);
    }

    @Test
    void ndjsonRowsAreStrictJsonEachAndAFileThatIsNotUtf8IsRefusedWhole() {
        World w = WORLD.get();
        long records = WORLD.raw().count("records");
        String good = json(GeneratedStudent.number(312, HISTORY_CLASS).enrolment(null));
        String trailing = json(GeneratedStudent.number(313, HISTORY_CLASS).enrolment(null)) + " xyz";
        String duplicate = duplicatingFirstKey(json(GeneratedStudent.number(314, HISTORY_CLASS).enrolment(null)));
        String deep = replacingFirstValue(json(GeneratedStudent.number(315, HISTORY_CLASS).enrolment(null)), nested(40));
        Api.Reply reply = w.campus().api.call("POST", "/records:import", w.admin().token(), "administration")
            .bytes("application/x-ndjson", bytes(String.join("\n", good, trailing, duplicate, deep) + "\n")).send();
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode report = reply.json();
        assertThat(report.get("imported").asInt()).isEqualTo(1);
        for (int i = 1; i <= 3; i++) {
            assertThat(report.at("/rows/" + i + "/status").asText()).isEqualTo("failed");
            assertThat(report.at("/rows/" + i + "/errors").findValuesAsText("rule")).containsExactly("malformed-json");
        }
        assertThat(WORLD.raw().count("records")).isEqualTo(records + 1);

        byte[] notUtf8 = notUtf8(json(GeneratedStudent.number(316, HISTORY_CLASS).enrolment(null))
            .replace("Test Student", "Test#Student"), '#', new byte[] {(byte) 0xc3, 0x28});
        Api.Reply refused = w.campus().api.call("POST", "/records:import", w.admin().token(), "administration")
            .bytes("application/x-ndjson", notUtf8).send();
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(WORLD.raw().count("records")).isEqualTo(records + 1);
    }

    // -- endpoints and bodies ------------------------------------------------------------------------------------

    /** An endpoint that reads a body, the caller it is sent as, and a body it accepts. */
    private record BodyEndpoint(String method, String path, String contentType, Caller caller, String body) {

        Api.Reply send(World w, String type, byte[] bytes) {
            Api.Call call = w.campus().api.call(method, path, caller.token(), caller.purpose()).bytes(type, bytes);
            if (method.equals("PATCH")) {
                call.header("If-Match", etagOf(w, path, caller));
            }
            return call.send();
        }

        @Override
        public String toString() {
            return method + " " + path.replaceAll("[0-9a-f-]{36}", "{id}");
        }
    }

    /** Every endpoint of the API that reads a JSON body (the import's NDJSON rows have a test of their own). */
    private static List<BodyEndpoint> bodyEndpoints(World w) {
        String r = "/records/" + w.aliceRecord();
        String nobody = UUID.randomUUID().toString();
        Caller admin = w.admin();
        return List.of(
            new BodyEndpoint("POST", "/records", JSON, admin, json(GeneratedStudent.number(302, HISTORY_CLASS)
                .enrolment(null))),
            new BodyEndpoint("PATCH", r, Api.MERGE_PATCH, admin, "{\"contact\":{\"homeAddress\":\"1 Strict Road\"}}"),
            new BodyEndpoint("PATCH", "/me", Api.MERGE_PATCH, w.alice(), "{\"contact\":{\"homeAddress\":\"2 Strict Road\"}}"),
            new BodyEndpoint("POST", "/me/corrections", JSON, w.alice(),
                "{\"changes\":{\"profile\":{\"name\":\"Alice Stricter\"}},\"reason\":\"Spelling\"}"),
            new BodyEndpoint("POST", "/me/reports", JSON, w.alice(), "{\"message\":\"Who read it?\",\"auditEntries\":[]}"),
            new BodyEndpoint("POST", "/corrections/" + nobody + "/approve", JSON, admin, "{\"note\":\"Checked\"}"),
            new BodyEndpoint("POST", "/corrections/" + nobody + "/reject", JSON, admin, "{\"reason\":\"Not so\"}"),
            new BodyEndpoint("POST", r + "/purge-requests", JSON, admin, "{\"reason\":\"Enrolled twice\"}"),
            new BodyEndpoint("POST", r + "/legal-holds", JSON, admin, "{\"reason\":\"Court order 7\"}"),
            new BodyEndpoint("POST", r + "/paper-copies", JSON, admin,
                "{\"location\":\"Cabinet 3\",\"custodian\":\"Registry\",\"destroyBy\":\"2031-01-31\"}"),
            new BodyEndpoint("PUT", "/retention/policy", JSON, admin,
                "{\"archiveOn\":[\"GRADUATED\"],\"destroyAfterDays\":1900,\"archiveRetentionDays\":3700}"),
            new BodyEndpoint("POST", "/retention/runs", JSON, admin, "{\"dryRun\":true}"),
            new BodyEndpoint("PUT", "/settings", JSON, admin, w.settings()),
            new BodyEndpoint("POST", "/reports/" + nobody + "/triage", JSON, admin,
                "{\"severity\":\"LOW\",\"assignee\":\"eli\",\"linkedEntries\":[]}"),
            new BodyEndpoint("POST", "/reports/" + nobody + "/resolve", JSON, admin, "{\"outcome\":\"Checked\"}"),
            new BodyEndpoint("POST", "/grants", JSON, admin,
                json(grant("CSB-2026-700", "agreement.pdf", "application/pdf", PDF))));
    }

    /** A body refused for one text field: 422 naming the field and the rule. */
    private record Refusal(String method, String path, Caller caller, Object body, String field, String rule) {

        Api.Reply send(World w) {
            Api.Call call = w.campus().api.call(method, path, caller.token(), caller.purpose())
                .json(method.equals("PATCH") ? Api.MERGE_PATCH : JSON, body);
            if (method.equals("PATCH")) {
                call.header("If-Match", etagOf(w, path, caller));
            }
            return call.send();
        }

        @Override
        public String toString() {
            return method + " " + path.replaceAll("[0-9a-f-]{36}", "{id}") + " (" + field + ")";
        }
    }

    private static String etagOf(World w, String path, Caller caller) {
        Api.Reply current = w.campus().api.call("GET", path, caller.token(), caller.purpose()).send();
        assertThat(current.status()).as("reading %s: %s", path, current.body()).isEqualTo(200);
        return current.header("ETag");
    }

    /** Student {@code n}'s enrolment with one profile or contact field replaced. */
    private static Map<String, Object> enrolment(int n, String group, String field, String value) {
        Map<String, Object> body = GeneratedStudent.number(n, HISTORY_CLASS).enrolment(null);
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = new LinkedHashMap<>((Map<String, Object>) body.get(group));
        fields.put(field, value);
        body.put(group, fields);
        return body;
    }

    private static Map<String, Object> guardianNamed(int n, String name) {
        GeneratedStudent student = GeneratedStudent.number(n, HISTORY_CLASS);
        Map<String, Object> body = student.enrolment(null);
        body.put("guardians", List.of(Map.of("name", name, "relationship", "MOTHER", "phone", student.guardianPhone(),
            "emergencyContact", true)));
        return body;
    }

    private static Map<String, Object> withCentreEmail(World w, String email) {
        try {
            ObjectNode settings = (ObjectNode) Api.JSON.readTree(w.settings());
            settings.put("centreEmail", email);
            @SuppressWarnings("unchecked")
            Map<String, Object> body = Api.JSON.convertValue(settings, Map.class);
            return body;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> grant(String reference, String fileName, String contentType, byte[] content) {
        // A unit of the realm (grants name existing units only); the bureau is never given a token here.
        return Campus.grantRequest(Campus.CHEMISTRY_CLASS, Instant.now().plus(Duration.ofDays(30)), reference,
            fileName, contentType, content);
    }

    // -- what the store holds ---------------------------------------------------------------------------------

    /**
     * What a refused body must not change: how many documents each of the realm's collections holds (the audit trail
     * aside: refusals are audited), Alice's record as stored, the settings and the retention policy.
     */
    private static String fingerprint(World w) {
        RawRealmStore raw = WORLD.raw();
        StringBuilder print = new StringBuilder();
        for (String collection : List.of("records", "record_keys", "corrections", "misuse_reports", "purge_requests",
            "legal_holds", "paper_copies", "grants", "grant_agreements", "retention_runs", "record_archives")) {
            print.append(collection).append('=').append(raw.count(collection)).append('\n');
        }
        print.append(raw.byId("records", w.aliceRecord()).toJson()).append('\n');
        Api api = w.campus().api;
        print.append(api.call("GET", "/settings", w.admin().token(), "administration").send().body()).append('\n');
        print.append(api.call("GET", "/retention/policy", w.admin().token(), "administration").send().body());
        return print.toString();
    }

    // -- bodies taken apart --------------------------------------------------------------------------------------

    /** The body with its first key repeated before it (with the same value). */
    private static String duplicatingFirstKey(String body) {
        JsonNode tree = readTree(body);
        String first = tree.fieldNames().next();
        return "{" + json(first) + ":" + tree.get(first) + "," + body.substring(body.indexOf('{') + 1);
    }

    /** The body with the value of its first key replaced by {@code value} (JSON text). */
    private static String replacingFirstValue(String body, String value) {
        ObjectNode tree = (ObjectNode) readTree(body);
        String first = tree.fieldNames().next();
        tree.remove(first);
        String rest = tree.toString();
        return "{" + json(first) + ":" + value + (tree.isEmpty() ? "}" : "," + rest.substring(1));
    }

    /** {@code depth} objects, each the only value of the one before. */
    private static String nested(int depth) {
        return "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    }

    /** The UTF-8 bytes of {@code text} with the character {@code marker} replaced by {@code raw} bytes. */
    private static byte[] notUtf8(String text, char marker, byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte b : bytes(text)) {
            if (b == marker) {
                out.writeBytes(raw);
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    private static JsonNode readTree(String body) {
        try {
            return Api.JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String json(Object value) {
        try {
            return Api.JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] join(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    // -- calls ---------------------------------------------------------------------------------------------------

    private static String problemType(Api.Reply reply) {
        String type = reply.header("Content-Type");
        if (type == null || !type.startsWith("application/problem+json")) {
            return "(no problem: " + type + ")";
        }
        return reply.json().path("type").asText();
    }

    private static Api.Reply importFile(World w, String csv) {
        return w.campus().api.call("POST", "/records:import", w.admin().token(), "administration")
            .bytes("text/csv", bytes(csv)).send();
    }

    private static Api.Reply preflight(World w, String origin) {
        return w.campus().api.call("OPTIONS", "/records/" + w.aliceRecord(), null, null)
            .header("Origin", origin).header("Access-Control-Request-Method", "PATCH")
            .header("Access-Control-Request-Headers", "authorization, content-type, if-match, data-purpose").send();
    }

    private static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }

    private static String abbreviated(String body) {
        return body == null || body.length() < 300 ? body : body.substring(0, 300) + "...";
    }
}
