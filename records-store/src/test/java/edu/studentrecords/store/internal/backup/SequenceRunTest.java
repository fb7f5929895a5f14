package edu.studentrecords.store.internal.backup;

import static org.assertj.core.api.Assertions.assertThat;

import edu.studentrecords.store.backup.BackupManifest;
import edu.studentrecords.store.backup.CollectionSummary;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.junit.jupiter.api.Test;

/** A sequence log read in any order: where its gap-free beginning ends, and what a restore leaves out. */
class SequenceRunTest {

    @Test
    void theRunEndsAtTheFirstMissingIdWhateverTheReadingOrder() {
        SequenceRun run = new SequenceRun();
        for (long id : new long[] {7, 3, 5, 4, 9, 6, 10}) {
            run.add(new BsonInt64(id));
        }
        run.add(new BsonString("not a sequence entry"));
        assertThat(run.end()).hasValue(8);

        SequenceRun gapFree = new SequenceRun();
        for (long id = 5_000; id > 0; id--) {
            gapFree.add(new BsonInt64(id));
        }
        assertThat(gapFree.end()).hasValue(5_001);
        assertThat(new SequenceRun().end()).isEmpty();
    }

    @Test
    void theManifestCarriesTheEndAndARestoreLeavesOutWhatLiesBeyondIt() {
        SealedManifest manifest = new SealedManifest(new BackupManifest(BackupFileHeader.FORMAT_VERSION, "db", Instant.EPOCH,
                Instant.EPOCH, List.of(new CollectionSummary("changes", 9, "00".repeat(32)))), Map.of(), Map.of("changes", 8L));
        SealedManifest read = SealedManifest.fromBson(manifest.toBson());
        assertThat(read.sequenceEnds()).isEqualTo(Map.of("changes", 8L));
        assertThat(read.beyondSequence("changes", doc(7L))).isFalse();
        assertThat(read.beyondSequence("changes", doc(8L))).isTrue();
        assertThat(read.beyondSequence("changes", doc(10L))).isTrue();
        assertThat(read.beyondSequence("records", doc(10L))).isFalse();
    }

    private static RawBsonDocument doc(long id) {
        return new RawBsonDocument(new Document("_id", id), new DocumentCodec());
    }
}
