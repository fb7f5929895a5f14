package edu.studentrecords.store.audit;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Updates;
import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.internal.audit.MongoAuditTrail;
import edu.studentrecords.store.testing.InProcessMongo;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit chain in sealed epochs: checkpoints signed and checked offline with the public key alone, a cut of the
 * newest entries with the anchor moved back found by a fresh verify through the anchors kept outside the store,
 * epochs past their retention exported and dropped with the chain still verifying, exports checked offline, and the
 * log feed carrying every entry once across a restart.
 */
class AuditEpochsIT {

    private static final Instant START = Instant.parse("2025-09-01T08:00:00Z");
    private static final Set<String> ENTRY_FIELDS = Set.of("sequence", "time", "subject", "clientId", "impersonator",
            "purpose", "grantId", "recordId", "recordIds", "groups", "operation", "decision", "reason", "outcome",
            "previousHash", "hash");

    @RegisterExtension
    static final InProcessMongo MONGO = new InProcessMongo();

    @TempDir
    Path dir;

    private final Random random = new Random(20_261_205L);
    private final TestSigner signer = new TestSigner();

    @Test
    void epochsSealOnceAndTheirCheckpointsVerifyOfflineWithThePublicKeyAlone() throws Exception {
        MongoDatabase database = MONGO.newDatabase();
        try (MongoAuditTrail trail = MongoAuditTrail.open(database, AuditFixtures.KEY, AuditFixtures.ticking(START));
                MongoAuditTrail otherNode = MongoAuditTrail.open(database, AuditFixtures.KEY,
                        AuditFixtures.ticking(START))) {
            append(trail, 250);
            AuditEpochs epochs = trail.epochs(Set::of);
            Instant sameDay = START.plus(Duration.ofHours(2));
            List<SealedEpoch> sealed = epochs.sealDue(sameDay, 100, false, signer);
            assertThat(sealed).extracting(SealedEpoch::id).containsExactly(1L, 2L);
            assertThat(otherNode.epochs(Set::of).sealDue(sameDay, 100, false, signer)).as("sealed once per cluster")
                    .isEmpty();

            JsonNode payload = TestSigner.verified(sealed.get(1).signed(), signer.publicKey());
            assertThat(payload).as("the checkpoint verifies with the public key").isNotNull();
            assertThat(payload.path("epoch").asLong()).isEqualTo(2);
            assertThat(payload.path("firstSequence").asLong()).isEqualTo(101);
            assertThat(payload.path("lastSequence").asLong()).isEqualTo(200);
            assertThat(payload.path("entryCount").asLong()).isEqualTo(100);
            assertThat(payload.path("previousHash").asText()).isEqualTo(trail.range(100, 1).get(0).hash());
            assertThat(payload.path("headHash").asText()).isEqualTo(trail.range(200, 1).get(0).hash());
            assertThat(TestSigner.verified(tampered(sealed.get(1).signed()), signer.publicKey()))
                    .as("a changed checkpoint does not verify").isNull();
            assertThat(TestSigner.verified(sealed.get(1).signed(), new TestSigner().publicKey()))
                    .as("another key does not verify it").isNull();

            TrailVerification incremental = epochs.verify(true, List.of());
            assertThat(incremental.intact()).isTrue();
            assertThat(incremental.chain().entriesChecked()).as("only the open epoch is walked").isEqualTo(50);
            assertThat(incremental.epochsChecked()).isEqualTo(2);
            assertThat(epochs.verify(false, List.of()).chain().entriesChecked()).isEqualTo(250);

            assertThat(epochs.sealDue(sameDay, 100, false, signer)).as("the open epoch's day is not over").isEmpty();
            List<SealedEpoch> nextDay = epochs.sealDue(START.plus(Duration.ofDays(1)), 100, false, signer);
            assertThat(nextDay).extracting(e -> e.checkpoint().firstSequence(), e -> e.checkpoint().lastSequence())
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(201L, 250L));

            database.getCollection("audit_entries").updateOne(eq("_id", 150L), Updates.set("purpose", "changed"));
            TrailVerification afterChange = epochs.verify(false, List.of());
            assertThat(afterChange.intact()).isFalse();
            assertThat(afterChange.chain().firstBrokenSequence()).isEqualTo(150L);

            database.getCollection("audit_entries").deleteOne(eq("_id", 120L));
            TrailVerification afterDelete = epochs.verify(true, List.of());
            assertThat(afterDelete.intact()).as("an entry removed inside a sealed epoch, incrementally").isFalse();
            assertThat(afterDelete.chain().problem()).isEqualTo("entries missing before the last checkpoint");
        }
    }

    @Test
    void cuttingTheNewestEntriesAndMovingTheAnchorBackIsFoundByAFreshVerify() throws Exception {
        MongoDatabase database = MONGO.newDatabase();
        List<ExternalAnchor> outside = new ArrayList<>();
        try (MongoAuditTrail trail = MongoAuditTrail.open(database, AuditFixtures.KEY, AuditFixtures.ticking(START))) {
            append(trail, 150);
            AuditEpochs epochs = trail.epochs(Set::of);
            SealedEpoch epoch = epochs.sealDue(START, 1000, true, signer).get(0);
            outside.add(new ExternalAnchor("keycloak-database", 150, epoch.checkpoint().headHash(), 1L));
            outside.add(new ExternalAnchor("node-file", 150, epoch.checkpoint().headHash(), 1L));
            append(trail, 50);
            ExternalAnchor head = epochs.head("node-file");
            assertThat(head.sequence()).isEqualTo(200);
            outside.add(head);
        }
        // Someone with write access to the database cuts every entry after 120, moves the anchor back to entry 120
        // (a real entry) and removes the checkpoint that covers the cut.
        Document at120 = database.getCollection("audit_entries").find(eq("_id", 120L)).first();
        database.getCollection("audit_entries").deleteMany(gt("_id", 120L));
        database.getCollection("audit_anchor").updateOne(eq("_id", "head"),
                Updates.combine(Updates.set("sequence", 120L), Updates.set("hash", at120.getString("hash"))));
        database.getCollection("audit_epochs").deleteMany(new Document());

        try (MongoAuditTrail fresh = MongoAuditTrail.open(database, AuditFixtures.KEY, AuditFixtures.ticking(START))) {
            assertThat(fresh.verify().intact()).as("the database alone looks intact to a fresh verify").isTrue();
            TrailVerification verification = fresh.epochs(Set::of).verify(false, outside);
            assertThat(verification.intact()).isFalse();
            assertThat(verification.anchors()).allSatisfy(check -> assertThat(check.findings())
                    .contains("CUT", "ANCHOR_MOVED"));
            assertThat(verification.anchors()).filteredOn(check -> check.epoch() != null)
                    .allSatisfy(check -> assertThat(check.findings()).contains("CHECKPOINT_MISSING"));
            assertThat(verification.anchors()).extracting(AnchorCheck::place)
                    .contains("keycloak-database", "node-file");
        }
    }

    @Test
    void aRunningNodeDoesNotAnchorOverACut() throws Exception {
        MongoDatabase database = MONGO.newDatabase();
        try (MongoAuditTrail trail = MongoAuditTrail.open(database, AuditFixtures.KEY, AuditFixtures.ticking(START))) {
            append(trail, 60);
            AuditEpochs epochs = trail.epochs(Set::of);
            ExternalAnchor outside = epochs.head("node-file");
            Document at40 = database.getCollection("audit_entries").find(eq("_id", 40L)).first();
            database.getCollection("audit_entries").deleteMany(gt("_id", 40L));
            database.getCollection("audit_anchor").updateOne(eq("_id", "head"),
                    Updates.combine(Updates.set("sequence", 40L), Updates.set("hash", at40.getString("hash"))));
            append(trail, 5);
            TrailVerification verification = epochs.verify(false, List.of(outside));
            assertThat(verification.anchors().get(0).findings()).contains("CUT", "ANCHOR_MOVED");
            assertThat(database.getCollection("audit_anchor").find().first().getLong("sequence"))
                    .as("the anchor stays before the cut").isEqualTo(40L);
            assertThat(trail.verify().intact()).isFalse();
        }
    }

    @Test
    void droppingExpiredEpochsKeepsTheChainVerifiableAndAHoldKeepsAnEpoch() throws Exception {
        MongoDatabase database = MONGO.newDatabase();
        Set<String> held = new HashSet<>();
        Path exports = dir.resolve("exports");
        try (MongoAuditTrail trail = MongoAuditTrail.open(database, AuditFixtures.KEY, AuditFixtures.ticking(START))) {
            append(trail, 300);
            AuditEpochs epochs = trail.epochs(() -> Set.copyOf(held));
            assertThat(epochs.sealDue(START, 100, false, signer)).hasSize(3);
            append(trail, 20);

            // Entries are a second apart: epochs 1 and 2 end before the cut-off, epoch 3 after it.
            Instant now = START.plus(Duration.ofDays(1095)).plusSeconds(250);
            List<SealedEpoch> dropped = epochs.dropExpired(now, 1095, signer, exports);
            assertThat(dropped).extracting(SealedEpoch::id).containsExactly(1L, 2L);
            assertThat(database.getCollection("audit_entries").countDocuments()).as("120 kept, 2 drops entered")
                    .isEqualTo(122);
            assertThat(trail.range(201, 1)).hasSize(1);
            assertThat(trail.range(321, 2)).as("one system entry per drop, naming the epoch and its sequences")
                    .extracting(AuditEntry::operation, AuditEntry::clientId, AuditEntry::reason).containsExactly(
                            org.assertj.core.groups.Tuple.tuple("AUDIT_EPOCH_DROP", "student-records", "epoch:1:1-100"),
                            org.assertj.core.groups.Tuple.tuple("AUDIT_EPOCH_DROP", "student-records",
                                    "epoch:2:101-200"));

            ChainVerification chain = trail.verify();
            assertThat(chain.intact()).as("%s", chain).isTrue();
            assertThat(chain.entriesChecked()).isEqualTo(122);
            TrailVerification full = epochs.verify(false, List.of());
            assertThat(full.intact()).isTrue();
            assertThat(full.firstKeptSequence()).isEqualTo(201);
            assertThat(epochs.sealed()).extracting(SealedEpoch::dropped).containsExactly(true, true, false);

            for (long id : List.of(1L, 2L)) {
                try (InputStream in = Files.newInputStream(exports.resolve(String.format("audit-epoch-%08d.jsonl.gz", id)))) {
                    ExportCheck.Checked export = ExportCheck.check(in, signer.publicKey());
                    assertThat(export.checkpoint().path("epoch").asLong()).isEqualTo(id);
                    assertThat(export.entries()).hasSize(100);
                }
            }
            assertThatThrownBy(() -> epochs.export(1, signer, dir.resolve("again.gz")))
                    .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo("DROPPED"));

            String heldRecord = trail.range(250, 1).get(0).recordId() != null ? trail.range(250, 1).get(0).recordId()
                    : trail.range(250, 1).get(0).recordIds().get(0);
            held.add(heldRecord);
            Instant later = START.plus(Duration.ofDays(1100));
            assertThat(epochs.dropExpired(later, 1095, signer, exports)).as("a legal hold keeps the epoch").isEmpty();
            held.clear();
            assertThat(epochs.dropExpired(later, 1095, signer, exports)).extracting(SealedEpoch::id)
                    .containsExactly(3L);
        }
        try (MongoAuditTrail fresh = MongoAuditTrail.open(database, AuditFixtures.KEY, AuditFixtures.ticking(START))) {
            assertThat(fresh.verify()).as("20 appended, 3 drops entered").isEqualTo(ChainVerification.intact(23));
            database.getCollection("audit_entries").updateOne(eq("_id", 301L),
                    Updates.set("previousHash", "f".repeat(64)));
            ChainVerification broken = fresh.verify();
            assertThat(broken.intact()).isFalse();
            assertThat(broken.firstBrokenSequence()).as("the first kept entry links to the last dropped checkpoint")
                    .isEqualTo(301L);
        }
    }

    @Test
    void anExportVerifiesOfflineAndHoldsIdentifiersAndCodesOnly() throws Exception {
        MongoDatabase database = MONGO.newDatabase();
        try (MongoAuditTrail trail = MongoAuditTrail.open(database, AuditFixtures.KEY, AuditFixtures.ticking(START))) {
            append(trail, 120);
            AuditEpochs epochs = trail.epochs(Set::of);
            epochs.sealDue(START, 1000, true, signer);
            Path file = dir.resolve("epoch-1.jsonl.gz");
            epochs.export(1, signer, file);
            ExportCheck.Checked export;
            try (InputStream in = Files.newInputStream(file)) {
                export = ExportCheck.check(in, signer.publicKey());
            }
            assertThat(export.entries()).hasSize(120);
            for (JsonNode entry : export.entries()) {
                Set<String> fields = new HashSet<>();
                entry.fieldNames().forEachRemaining(fields::add);
                assertThat(fields).isEqualTo(ENTRY_FIELDS);
            }
            assertThat(export.entries().get(0).path("hash").asText()).isEqualTo(trail.range(1, 1).get(0).hash());

            String changed = export.text().replaceFirst("\"operation\":\"READ\"", "\"operation\":\"UPDATE\"");
            assertThat(changed).isNotEqualTo(export.text());
            assertThatThrownBy(() -> ExportCheck.check(new java.io.ByteArrayInputStream(gzip(changed)),
                    signer.publicKey())).as("a changed line is found offline").isInstanceOf(AssertionError.class);
            assertThatThrownBy(() -> epochs.export(2, signer, dir.resolve("none.gz")))
                    .isInstanceOfSatisfying(StoreException.class,
                            e -> assertThat(e.kind()).isEqualTo(StoreException.Kind.NOT_FOUND));
        }
    }

    @Test
    void theLogFeedCarriesEveryEntryExactlyOnceAcrossARestart() throws Exception {
        MongoDatabase database = MONGO.newDatabase();
        Path feed = dir.resolve("feed").resolve("campus.audit.jsonl");
        Instant now = START;
        try (MongoAuditTrail trail = MongoAuditTrail.open(database, AuditFixtures.KEY, AuditFixtures.ticking(START))) {
            append(trail, 500);
            assertThat(trail.epochs(Set::of).feed(feed, "node-a", now)).isEqualTo(500);
            append(trail, 300);
            assertThat(trail.epochs(Set::of).feed(feed, "node-a", now)).isEqualTo(300);
            assertThat(trail.epochs(Set::of).feed(feed, "node-b", now)).as("another node while the lease holds")
                    .isZero();
        }
        // A crash after the lines reached the file but before the feed's position moved, in the middle of writing a
        // line: the position is behind the file, whose last line is cut short.
        database.getCollection("audit_feed").updateOne(eq("_id", "feed"), Updates.set("next", 640L));
        Files.writeString(feed, "{\"sequence\":801,\"time\":\"20", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        try (MongoAuditTrail restarted = MongoAuditTrail.open(database, AuditFixtures.KEY,
                AuditFixtures.ticking(START.plusSeconds(10_000)))) {
            append(restarted, 200);
            assertThat(restarted.epochs(Set::of).feed(feed, "node-a", now.plusSeconds(30))).isEqualTo(200);
        }
        Map<Long, Integer> seen = new HashMap<>();
        for (String line : Files.readAllLines(feed, StandardCharsets.UTF_8)) {
            JsonNode entry = TestSigner.JSON.readTree(line);
            seen.merge(entry.path("sequence").asLong(), 1, Integer::sum);
        }
        assertThat(seen).hasSize(1000);
        assertThat(seen.values()).allMatch(count -> count == 1);
        assertThat(seen.keySet()).allMatch(sequence -> sequence >= 1 && sequence <= 1000);
    }

    @Test
    void anExtractOfOneRecordOrOneClientIsSignedAndHoldsOnlyTheirEntries() throws Exception {
        MongoDatabase database = MONGO.newDatabase();
        try (MongoAuditTrail trail = MongoAuditTrail.open(database, AuditFixtures.KEY, AuditFixtures.ticking(START))) {
            append(trail, 400);
            AuditEpochs epochs = trail.epochs(Set::of);
            epochs.sealDue(START, 200, false, signer);
            Instant now = START.plus(Duration.ofDays(1));
            JsonNode ofRecord = TestSigner.verified(epochs.extract("rec-7", null, null, null, signer, now),
                    signer.publicKey());
            assertThat(ofRecord).isNotNull();
            long expected = trail.range(1, 400).stream()
                    .filter(e -> "rec-7".equals(e.recordId()) || e.recordIds().contains("rec-7")).count();
            assertThat(ofRecord.get("entries")).hasSize((int) expected);
            assertThat(trail.range(1, 400)).as("entries about rec-7 that name other records too")
                    .anyMatch(e -> e.recordIds().contains("rec-7") && e.recordIds().size() > 1);
            assertThat(ofRecord.get("entries").findValues("recordIds")).allSatisfy(ids -> assertThat(ids)
                    .as("an extract about rec-7 names no other record").allMatch(id -> id.asText().equals("rec-7")));
            assertThat(ofRecord.get("checkpoints")).isNotEmpty();

            Instant from = START.plusSeconds(100);
            Instant to = START.plusSeconds(300);
            JsonNode ofClient = TestSigner.verified(epochs.extract(null, "client-2", from, to, signer, now),
                    signer.publicKey());
            long inWindow = trail.range(1, 400).stream().filter(e -> "client-2".equals(e.clientId())
                    && !e.time().isBefore(from) && e.time().isBefore(to)).count();
            assertThat(ofClient.get("entries")).hasSize((int) inWindow);
            assertThat(ofClient.get("entries").findValuesAsText("clientId")).containsOnly("client-2");
            assertThat(ofClient.get("checkpoints")).hasSize(2);
        }
    }

    private void append(AuditTrail trail, int count) {
        for (int i = 0; i < count; i++) {
            trail.append(AuditFixtures.random(random, 40));
        }
    }

    private static String tampered(String jws) {
        String[] parts = jws.split("\\.");
        char[] payload = parts[1].toCharArray();
        int i = payload.length / 2;
        payload[i] = payload[i] == 'A' ? 'B' : 'A';
        return parts[0] + "." + new String(payload) + "." + parts[2];
    }

    private static byte[] gzip(String text) throws java.io.IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
