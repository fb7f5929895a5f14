package edu.studentrecords.it;

import static edu.studentrecords.it.Campus.ADMIN_SCOPES;
import static edu.studentrecords.it.Campus.PORTAL;
import static edu.studentrecords.it.Campus.STAFF_SCOPES;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.remote.timeoffset.InjectTimeOffSet;
import org.keycloak.testframework.remote.timeoffset.TimeOffSet;

/**
 * The audit trail's sealed epochs on a real Keycloak: a supervisor seals the open epoch, whose checkpoint verifies
 * offline with the realm's public key alone; an exported epoch verifies offline too and holds no record content; who
 * else asks is refused, each call leaving one entry; and when someone with write access to the record store cuts the
 * newest entries, moves the store's anchor back and removes the checkpoint, a verify names the cut, the moved anchor
 * and the missing checkpoint from the anchors kept in Keycloak's database and in the node's file. Epochs past the trail's own
 * retention (a shorter one approved by a second administrator, the server's clock shifted past it) are exported and
 * dropped by a retention run, and the chain verifies from the first kept entry.
 */
@KeycloakIntegrationTest(config = StudentRecordsServer.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditEpochsIT {

    private static final String SUPERVISOR = STAFF_SCOPES + " student.audit";
    private static final String ADMINISTRATION = "administration";

    @InjectRealm(ref = "audit-epochs")
    ManagedRealm realm;

    @InjectOAuthClient
    OAuthClient oauth;

    @InjectTimeOffSet
    TimeOffSet clock;

    @RegisterExtension
    static final CampusWorld<AuditEpochsIT, Campus> WORLD = CampusWorld.of(AuditEpochsIT.class, t -> t.realm,
        t -> t.oauth);

    private Campus campus;

    @BeforeEach
    void campus() {
        campus = WORLD.campus();
    }

    @Test
    @Order(1)
    void aSealedEpochVerifiesOfflineAndItsExportHoldsNoRecordContent() throws Exception {
        RawRealmStore raw = WORLD.raw();
        Api api = campus.api;
        String ada = campus.signIn(oauth, "ada", PORTAL, ADMIN_SCOPES + " student.audit");
        GeneratedStudent student = GeneratedStudent.number(51, Campus.PHYSICS_CLASS).named("司马光明");
        String record = campus.enrol(ada, student, "alice");
        for (int i = 0; i < 3; i++) {
            assertThat(api.call("GET", "/records/" + record, ada, ADMINISTRATION).send().status()).isEqualTo(200);
        }
        String sue = campus.signIn(oauth, "sue", PORTAL, SUPERVISOR);

        Api.Reply sealed = raw.once(api.call("POST", "/audit/epochs/seal", sue, ADMINISTRATION));
        assertThat(sealed.status()).as(sealed.body()).isEqualTo(200);
        JsonNode epoch = sealed.json().get("sealed").get(0);
        assertThat(epoch.get("id").asLong()).isEqualTo(1);
        assertThat(epoch.get("firstSequence").asLong()).isEqualTo(1);
        long last = epoch.get("lastSequence").asLong();
        assertThat(last).as("the seal call's own entry follows the epoch it sealed").isEqualTo(raw.auditEntries() - 1);
        assertEntry(raw.newestAuditEntry(), "AUDIT_SEAL", "ALLOW", null);
        JsonNode keys = OfflineSignature.publicKeys(realm.getBaseUrl());
        JsonNode checkpoint = OfflineSignature.verifiedPayload(epoch.get("checkpoint").asText(), keys);
        assertThat(checkpoint).as("the checkpoint verifies with the realm's public key").isNotNull();
        assertThat(checkpoint.get("lastSequence").asLong()).isEqualTo(last);
        assertThat(checkpoint.get("entryCount").asLong()).isEqualTo(last);
        assertThat(checkpoint.get("headHash").asText()).isEqualTo(raw.collection("audit_entries")
            .find(Filters.eq("_id", last)).first().getString("hash"));
        assertThat(OfflineSignature.verifiedPayload(OfflineSignature.tampered(epoch.get("checkpoint").asText()), keys))
            .isNull();

        Api.Reply listed = raw.once(api.call("GET", "/audit/epochs", ada, ADMINISTRATION));
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().get("epochs").findValuesAsText("state")).containsExactly("SEALED");

        long before = raw.auditEntries();
        HttpResponse<byte[]> export = api.call("GET", "/audit/epochs/1/export", sue, ADMINISTRATION).sendForBytes();
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(raw.auditEntries()).as("one entry for the export").isEqualTo(before + 1);
        assertThat(export.headers().firstValue("Content-Type").orElse("")).startsWith("application/gzip");
        assertThat(export.headers().firstValue("Content-Disposition").orElse(""))
            .contains("audit-epoch-1.jsonl.gz");
        List<JsonNode> entries = checkedOffline(export.body(), keys, checkpoint);
        assertThat(entries).hasSize((int) last);
        String text = new String(gunzip(export.body()), StandardCharsets.UTF_8);
        assertThat(text).as("no record content in the export").doesNotContain(student.studentNumber())
            .doesNotContain(student.name()).doesNotContain(student.residentIdNumber())
            .doesNotContain(student.mobilePhone());
        assertThat(entries.stream().map(e -> e.get("recordId").asText()).toList()).contains(record);

        Api.Reply extract = raw.once(api.call("GET", "/audit/extract?record=" + record, sue, ADMINISTRATION));
        assertThat(extract.status()).as(extract.body()).isEqualTo(200);
        assertThat(extract.header("Content-Type")).startsWith("application/jose");
        JsonNode extracted = OfflineSignature.verifiedPayload(extract.body(), keys);
        assertThat(extracted).as("the extract verifies with the realm's public key").isNotNull();
        assertThat(extracted.get("recordId").asText()).isEqualTo(record);
        assertThat(extracted.get("entries").findValuesAsText("operation")).contains("CREATE", "READ");
        assertThat(extracted.get("entries").findValuesAsText("recordId")).containsOnly(record);
        assertThat(extracted.get("checkpoints").get(0).asText()).isEqualTo(epoch.get("checkpoint").asText());
        assertThat(extracted.toString()).doesNotContain(student.studentNumber()).doesNotContain(student.name());
        String now = java.time.Instant.now().plusSeconds(60).toString();
        String dayAgo = java.time.Instant.now().minusSeconds(86_400).toString();
        Api.Reply byClient = raw.once(api.call("GET", "/audit/extract?client=" + PORTAL + "&from=" + dayAgo + "&to="
            + now, sue, ADMINISTRATION));
        assertThat(byClient.status()).as(byClient.body()).isEqualTo(200);
        JsonNode clientEntries = OfflineSignature.verifiedPayload(byClient.body(), keys).get("entries");
        assertThat(clientEntries.findValuesAsText("clientId")).isNotEmpty().containsOnly(PORTAL);
        assertThat(clientEntries.findValuesAsText("operation")).contains("CREATE", "READ", "AUDIT_SEAL");

        Api.Reply verified = raw.once(api.call("GET", "/audit/verify", sue, ADMINISTRATION));
        assertThat(verified.json().get("intact").asBoolean()).as(verified.body()).isTrue();
        assertThat(verified.json().get("anchors").findValuesAsText("place"))
            .contains("keycloak-database", "node-file");
        Api.Reply incremental = raw.once(api.call("GET", "/audit/verify?mode=incremental", sue, ADMINISTRATION));
        assertThat(incremental.json().get("intact").asBoolean()).as(incremental.body()).isTrue();
        assertThat(incremental.json().get("entriesChecked").asLong()).as("only the entries after the checkpoint")
            .isLessThan(verified.json().get("entriesChecked").asLong());
    }

    @Test
    @Order(2)
    void othersAreRefusedAndBadEpochIdsAreAnswered() {
        RawRealmStore raw = WORLD.raw();
        Api api = campus.api;
        String sam = campus.signIn(oauth, "sam", PORTAL, STAFF_SCOPES + " student.audit");
        String sue = campus.signIn(oauth, "sue", PORTAL, SUPERVISOR);
        for (String[] call : new String[][] {{"GET", "/audit/epochs"}, {"POST", "/audit/epochs/seal"},
            {"GET", "/audit/epochs/1/export"}, {"GET", "/audit/verify?mode=incremental"}}) {
            Api.Reply refused = raw.once(api.call(call[0], call[1], sam, "teaching"));
            assertThat(refused.status()).as("staff: %s %s", call[0], call[1]).isEqualTo(403);
        }
        for (String id : List.of("0", "-1", "abc", "1e3", "99999999999999999999")) {
            Api.Reply bad = raw.once(api.call("GET", "/audit/epochs/" + id + "/export", sue, ADMINISTRATION));
            assertThat(bad.status()).as("epoch %s", id).isEqualTo(400);
            assertThat(bad.json().get("type").asText()).endsWith("/malformed-request");
        }
        Api.Reply unknown = raw.once(api.call("GET", "/audit/epochs/999/export", sue, ADMINISTRATION));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("type").asText()).endsWith("/not-found");
        assertEntry(raw.newestAuditEntry(), "AUDIT_EXPORT", "DENY", "EPOCH_NOT_FOUND");
        for (String query : List.of("?limit=0", "?limit=1001", "?offset=-1", "?offset=x", "?limit=1.5")) {
            Api.Reply bad = raw.once(api.call("GET", "/audit/epochs" + query, sue, ADMINISTRATION));
            assertThat(bad.status()).as("epochs%s", query).isEqualTo(400);
            assertThat(bad.json().get("type").asText()).endsWith("/malformed-request");
            assertEntry(raw.newestAuditEntry(), "AUDIT_EPOCHS", "DENY", "MALFORMED_REQUEST");
        }
        Api.Reply mode = raw.once(api.call("GET", "/audit/verify?mode=everything", sue, ADMINISTRATION));
        assertThat(mode.status()).isEqualTo(400);
        String from = java.time.Instant.now().minusSeconds(3600).toString();
        for (String query : List.of("", "?record=x&client=" + PORTAL, "?client=" + PORTAL,
            "?client=" + PORTAL + "&from=" + from + "&to=" + java.time.Instant.now().plusSeconds(40L * 86_400),
            "?client=" + PORTAL + "&from=" + from + "&to=" + from, "?record=x&from=yesterday")) {
            Api.Reply bad = raw.once(api.call("GET", "/audit/extract" + query, sue, ADMINISTRATION));
            assertThat(bad.status()).as("extract%s", query).isEqualTo(400);
            assertEntry(raw.newestAuditEntry(), "AUDIT_EXTRACT", "DENY", "MALFORMED_REQUEST");
        }
        Api.Reply staffExtract = raw.once(api.call("GET", "/audit/extract?client=" + PORTAL + "&from=" + from
            + "&to=" + java.time.Instant.now(), sam, "teaching"));
        assertThat(staffExtract.status()).isEqualTo(403);
    }

    @Test
    @Order(3)
    void epochsPastTheTrailsRetentionAreExportedAndDroppedAndTheChainStillVerifies() throws Exception {
        Api api = campus.api;
        String ada = campus.signIn(oauth, "ada", PORTAL, ADMIN_SCOPES + " student.audit");
        Map<String, Object> policy = Map.of("archiveOn", List.of("GRADUATED", "WITHDRAWN", "TRANSFERRED"),
            "destroyAfterDays", 1825, "archiveRetentionDays", 3650, "auditRetentionDays", 1);
        Api.Reply asked = api.call("PUT", "/retention/policy", ada, ADMINISTRATION).json("application/json", policy)
            .send();
        assertThat(asked.status()).as("a shorter audit retention waits for a second administrator: %s", asked.body())
            .isEqualTo(202);
        String eli = campus.signIn(oauth, "eli", PORTAL, ADMIN_SCOPES + " student.audit");
        Api.Reply approved = api.call("POST", "/retention/policy/approve", eli, ADMINISTRATION)
            .header("If-Match", asked.header("ETag")).send();
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        String sue = campus.signIn(oauth, "sue", PORTAL, SUPERVISOR);
        JsonNode sealed = api.call("POST", "/audit/epochs/seal", sue, ADMINISTRATION).send().json().get("sealed");
        long lastDropped = sealed.get(sealed.size() - 1).get("lastSequence").asLong();
        JsonNode keys = OfflineSignature.publicKeys(realm.getBaseUrl());
        try {
            clock.set(2 * 24 * 3600);
            String later = campus.signIn(oauth, "eli", PORTAL, ADMIN_SCOPES + " student.audit");
            Api.Reply run = api.call("POST", "/retention/runs", later, ADMINISTRATION)
                .json("application/json", Map.of("dryRun", false)).send();
            assertThat(run.status()).as(run.body()).isEqualTo(200);
            JsonNode epochs = api.call("GET", "/audit/epochs", later, ADMINISTRATION).send().json().get("epochs");
            assertThat(epochs.findValuesAsText("state")).containsOnly("DROPPED");
            assertThat(epochs.get(epochs.size() - 1).get("lastSequence").asLong()).isEqualTo(lastDropped);
            assertThat(WORLD.raw().collection("audit_entries").find(Filters.lte("_id", lastDropped)).first())
                .as("the dropped entries").isNull();
            Api.Reply verified = api.call("GET", "/audit/verify", later, ADMINISTRATION).send();
            assertThat(verified.json().get("intact").asBoolean()).as(verified.body()).isTrue();
            assertThat(verified.json().get("firstKeptSequence").asLong()).isEqualTo(lastDropped + 1);
            Api.Reply gone = WORLD.raw().once(api.call("GET", "/audit/epochs/1/export", later, ADMINISTRATION));
            assertThat(gone.status()).isEqualTo(409);
            assertThat(gone.json().get("type").asText()).endsWith("/conflict");
            assertEntry(WORLD.raw().newestAuditEntry(), "AUDIT_EXPORT", "DENY", "EPOCH_DROPPED");
            for (JsonNode dropped : epochs) {
                String range = "epoch:" + dropped.get("id").asLong() + ":" + dropped.get("firstSequence").asLong() + "-"
                    + dropped.get("lastSequence").asLong();
                List<Document> drops = WORLD.raw().collection("audit_entries")
                    .find(Filters.and(Filters.eq("operation", "AUDIT_EPOCH_DROP"), Filters.eq("reason", range)))
                    .into(new ArrayList<>());
                assertThat(drops).as("one system entry for the drop of %s", range).hasSize(1);
                assertThat(drops.get(0).getString("clientId")).isEqualTo("student-records");
                assertThat(drops.get(0).getLong("_id")).isGreaterThan(lastDropped);
            }
            java.nio.file.Path exported = SuiteStore.auditExportDirectory()
                .resolve(realm.getId().replaceAll("[^A-Za-z0-9-]", "_")).resolve("audit-epoch-00000001.jsonl.gz");
            JsonNode first = OfflineSignature.verifiedPayload(epochs.get(0).get("checkpoint").asText(), keys);
            assertThat(checkedOffline(java.nio.file.Files.readAllBytes(exported), keys, first))
                .as("the epoch's export, written before its entries were dropped").hasSize(
                    (int) first.get("entryCount").asLong());
        } finally {
            clock.set(0);
        }
    }

    @Test
    @Order(4)
    void aSealByHandOfATinyEpochIsRefusedAndTheEpochsArePaged() {
        RawRealmStore raw = WORLD.raw();
        Api api = campus.api;
        String sue = campus.signIn(oauth, "sue", PORTAL, SUPERVISOR);
        Api.Reply first = raw.once(api.call("POST", "/audit/epochs/seal", sue, ADMINISTRATION));
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        long sealedBefore = raw.count("audit_epochs");

        Api.Reply tiny = raw.once(api.call("POST", "/audit/epochs/seal", sue, ADMINISTRATION));
        assertThat(tiny.status()).as("an open epoch of the last seal's own entry: %s", tiny.body()).isEqualTo(409);
        assertThat(tiny.json().get("type").asText()).endsWith("/conflict");
        assertThat(tiny.json().get("detail").asText()).contains("audit-seal-min-entries");
        assertEntry(raw.newestAuditEntry(), "AUDIT_SEAL", "DENY", "EPOCH_TOO_YOUNG");
        assertThat(raw.count("audit_epochs")).as("nothing sealed").isEqualTo(sealedBefore);

        Api.Reply all = raw.once(api.call("GET", "/audit/epochs", sue, ADMINISTRATION));
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().get("offset").asInt()).isZero();
        assertThat(all.json().get("limit").asInt()).as("the default page").isEqualTo(50);
        assertThat(all.json().get("epochs")).hasSize((int) sealedBefore);

        Api.Reply third = raw.once(api.call("POST", "/audit/epochs/seal", sue, ADMINISTRATION));
        assertThat(third.status()).as("three entries now: %s", third.body()).isEqualTo(200);
        JsonNode epoch = third.json().get("sealed").get(0);
        assertThat(epoch.get("entryCount").asLong()).isEqualTo(3);
        assertThat(epoch.get("firstSequence").asLong()).isEqualTo(first.json().get("sealed").get(0)
            .get("lastSequence").asLong() + 1);

        List<String> ids = raw.once(api.call("GET", "/audit/epochs", sue, ADMINISTRATION)).json().get("epochs")
            .findValuesAsText("id");
        int total = ids.size();
        assertThat((long) total).isEqualTo(sealedBefore + 1).isGreaterThanOrEqualTo(3);
        Api.Reply page = raw.once(api.call("GET", "/audit/epochs?offset=1&limit=2", sue, ADMINISTRATION));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().get("offset").asInt()).isEqualTo(1);
        assertThat(page.json().get("limit").asInt()).isEqualTo(2);
        assertThat(page.json().get("epochs").findValuesAsText("id")).containsExactlyElementsOf(ids.subList(1, 3));
        Api.Reply last = raw.once(api.call("GET", "/audit/epochs?offset=" + (total - 1) + "&limit=1000", sue,
            ADMINISTRATION));
        assertThat(last.json().get("epochs").findValuesAsText("id")).containsExactly(ids.get(total - 1));
        Api.Reply past = raw.once(api.call("GET", "/audit/epochs?offset=" + total, sue, ADMINISTRATION));
        assertThat(past.json().get("epochs")).isEmpty();
    }

    @Test
    @Order(5)
    void cuttingTheNewestEntriesAndMovingTheAnchorBackIsNamedByAVerify() {
        RawRealmStore raw = WORLD.raw();
        Api api = campus.api;
        String ada = campus.signIn(oauth, "ada", PORTAL, ADMIN_SCOPES + " student.audit");
        String record = campus.enrol(ada, GeneratedStudent.number(52, Campus.PHYSICS_CLASS), "bob");
        for (int i = 0; i < 5; i++) {
            api.call("GET", "/records/" + record, ada, ADMINISTRATION).send();
        }
        String sue = campus.signIn(oauth, "sue", PORTAL, SUPERVISOR);
        Api.Reply sealed = api.call("POST", "/audit/epochs/seal", sue, ADMINISTRATION).send();
        JsonNode epoch = sealed.json().get("sealed").get(0);
        long end = epoch.get("lastSequence").asLong();
        long cutAfter = epoch.get("firstSequence").asLong() + 1;
        assertThat(api.call("GET", "/audit/verify", sue, ADMINISTRATION).send().json().get("intact").asBoolean())
            .isTrue();

        // Someone with write access to the record store cuts the entries after cutAfter, moves the store's anchor back
        // to that (real) entry and removes the checkpoint of the epoch the cut reaches into.
        Document kept = raw.collection("audit_entries").find(Filters.eq("_id", cutAfter)).first();
        raw.collection("audit_entries").deleteMany(Filters.gt("_id", cutAfter));
        raw.collection("audit_anchor").updateOne(Filters.eq("_id", "head"),
            Updates.combine(Updates.set("sequence", cutAfter), Updates.set("hash", kept.getString("hash"))));
        raw.collection("audit_epochs").deleteOne(Filters.eq("_id", epoch.get("id").asLong()));

        Api.Reply verified = api.call("GET", "/audit/verify", sue, ADMINISTRATION).send();
        assertThat(verified.status()).isEqualTo(200);
        JsonNode body = verified.json();
        assertThat(body.get("intact").asBoolean()).as(verified.body()).isFalse();
        List<JsonNode> database = new ArrayList<>();
        List<JsonNode> file = new ArrayList<>();
        body.get("anchors").forEach(anchor -> (anchor.get("place").asText().equals("node-file") ? file : database)
            .add(anchor));
        for (List<JsonNode> place : List.of(database, file)) {
            JsonNode checkpointAnchor = place.stream().filter(a -> a.path("epoch").asLong() == epoch.get("id").asLong())
                .findFirst().orElseThrow();
            assertThat(checkpointAnchor.get("sequence").asLong()).isEqualTo(end);
            List<String> findings = new ArrayList<>();
            checkpointAnchor.get("findings").forEach(f -> findings.add(f.asText()));
            assertThat(findings).as(verified.body()).contains("CUT", "ANCHOR_MOVED", "CHECKPOINT_MISSING");
        }
        assertThat(body.get("problem").asText()).as("the chain's own walk").isNotBlank();
    }

    /** Checks what an audit entry says of its call. */
    private static void assertEntry(Document entry, String operation, String decision, String reason) {
        assertThat(entry).isNotNull();
        assertThat(entry.getString("operation")).as("%s", entry.toJson()).isEqualTo(operation);
        assertThat(entry.getString("decision")).as("%s", entry.toJson()).isEqualTo(decision);
        assertThat(entry.getString("reason")).as("%s", entry.toJson()).isEqualTo(reason);
    }

    /** Checks an export with the realm's public keys alone; its entries. */
    private static List<JsonNode> checkedOffline(byte[] gzip, JsonNode keys, JsonNode checkpoint) throws Exception {
        byte[] raw = gunzip(gzip);
        String text = new String(raw, StandardCharsets.UTF_8);
        String[] lines = text.split("\n");
        int lastStart = text.lastIndexOf('\n', text.length() - 2) + 1;
        JsonNode signature = OfflineSignature.verifiedPayload(
            Api.JSON.readTree(lines[lines.length - 1]).get("signature").asText(), keys);
        assertThat(signature).as("the export's signature").isNotNull();
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update(raw, 0, lastStart);
        assertThat(HexFormat.of().formatHex(sha256.digest())).isEqualTo(signature.get("sha256").asText());
        JsonNode inFile = OfflineSignature.verifiedPayload(Api.JSON.readTree(lines[0]).get("checkpoint").asText(), keys);
        assertThat(inFile).isEqualTo(checkpoint);
        List<JsonNode> entries = new ArrayList<>();
        String previous = checkpoint.get("previousHash").asText();
        for (int i = 1; i < lines.length - 1; i++) {
            JsonNode entry = Api.JSON.readTree(lines[i]);
            assertThat(entry.get("previousHash").asText()).as("line %d links to the one before", i + 1)
                .isEqualTo(previous);
            previous = entry.get("hash").asText();
            entries.add(entry);
        }
        assertThat(previous).isEqualTo(checkpoint.get("headHash").asText());
        return entries;
    }

    private static byte[] gunzip(byte[] gzip) throws Exception {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        }
    }
}
