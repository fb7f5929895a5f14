package edu.studentrecords.keycloak.audit;

import static org.assertj.core.api.Assertions.assertThat;

import edu.studentrecords.keycloak.settings.AttributeRealm;
import edu.studentrecords.keycloak.spi.AuditTrailOptions;
import edu.studentrecords.store.audit.AuditCheckpoint;
import edu.studentrecords.store.audit.AuditEpochs;
import edu.studentrecords.store.audit.OpenEpoch;
import edu.studentrecords.store.audit.AuditSigner;
import edu.studentrecords.store.audit.ExternalAnchor;
import edu.studentrecords.store.audit.ReadCounts;
import edu.studentrecords.store.audit.SealedEpoch;
import edu.studentrecords.store.audit.TrailVerification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.models.RealmModel;

/**
 * The anchors outside the store: each checkpoint and each advance of the head reach the realm's attributes and the
 * node's append-only file once, are read back from both, and are never moved back when the store's head is.
 */
class OutsideAnchorsTest {

    private static final Instant T = Instant.parse("2026-12-01T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void checkpointsAndTheHeadReachBothPlacesOnceAndAreNeverMovedBack() throws Exception {
        Map<String, String> attributes = new HashMap<>();
        RealmModel realm = AttributeRealm.over(attributes);
        AuditTrailOptions options = new AuditTrailOptions(100, Duration.ofMinutes(1), 10, dir.resolve("anchors"),
                dir.resolve("exports"), null);
        FakeEpochs epochs = new FakeEpochs();
        OutsideAnchors anchors = new OutsideAnchors(realm, options);
        assertThat(anchors.read()).isEmpty();

        epochs.seal(1, 1, 100, "a".repeat(64));
        epochs.head = new ExternalAnchor("node-file", 120, "b".repeat(64), null);
        anchors.record(epochs);
        anchors.record(epochs);
        Path file = dir.resolve("anchors").resolve("test-realm-id.anchors.jsonl");
        assertThat(Files.readAllLines(file)).as("each anchor once").hasSize(2);
        assertThat(anchors.read()).extracting(ExternalAnchor::place, ExternalAnchor::sequence, ExternalAnchor::epoch)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("keycloak-database", 100L, 1L),
                        org.assertj.core.groups.Tuple.tuple("keycloak-database", 120L, null),
                        org.assertj.core.groups.Tuple.tuple("node-file", 100L, 1L),
                        org.assertj.core.groups.Tuple.tuple("node-file", 120L, null));

        // The store's head moved back (entries cut): neither place follows it.
        epochs.head = new ExternalAnchor("node-file", 90, "c".repeat(64), null);
        anchors.record(epochs);
        assertThat(Files.readAllLines(file)).hasSize(2);
        assertThat(attributes.get(OutsideAnchors.HEAD_ATTRIBUTE)).contains("\"sequence\":120");

        epochs.seal(2, 101, 200, "d".repeat(64));
        epochs.head = new ExternalAnchor("node-file", 200, "d".repeat(64), null);
        anchors.record(epochs);
        assertThat(attributes.get(OutsideAnchors.CHECKPOINT_ATTRIBUTE)).contains("\"epoch\":2");
        Files.writeString(file, "{\"kind\":\"head\",\"sequ", java.nio.file.StandardOpenOption.APPEND);
        assertThat(anchors.read()).as("a line cut short by a crash is passed over")
                .filteredOn(a -> a.place().equals("node-file")).extracting(ExternalAnchor::epoch).contains(2L);
    }

    /** Sealed epochs and a head, as the store would hand them out. */
    private static final class FakeEpochs implements AuditEpochs {

        private final List<SealedEpoch> sealed = new ArrayList<>();
        private ExternalAnchor head;

        void seal(long id, long first, long last, String hash) {
            sealed.add(new SealedEpoch(new AuditCheckpoint(id, first, last, last - first + 1, "0".repeat(64), hash, T,
                    T, T), "signed", null));
        }

        @Override
        public List<SealedEpoch> sealed() {
            return List.copyOf(sealed);
        }

        @Override
        public List<SealedEpoch> sealed(int offset, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<OpenEpoch> open() {
            throw new UnsupportedOperationException();
        }

        @Override
        public ExternalAnchor head(String place) {
            return head;
        }

        @Override
        public List<SealedEpoch> sealDue(Instant now, int maxEntries, boolean closeOpen, AuditSigner signer) {
            throw new UnsupportedOperationException();
        }

        @Override
        public TrailVerification verify(boolean incremental, List<ExternalAnchor> anchors) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<SealedEpoch> dropExpired(Instant now, int retentionDays, AuditSigner signer, Path exportDir) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void export(long epoch, AuditSigner signer, Path file) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int feed(Path file, String node, Instant now) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String extract(String recordId, String clientId, Instant from, Instant to, AuditSigner signer,
                Instant now) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ReadCounts readCounts(Instant from, Instant to, ReadCounts.By by, ReadCounts.Bucket bucket) {
            throw new UnsupportedOperationException();
        }
    }
}
