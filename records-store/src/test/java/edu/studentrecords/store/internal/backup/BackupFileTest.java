package edu.studentrecords.store.internal.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.backup.BackupManifest;
import edu.studentrecords.store.backup.BackupProgress.Phase;
import edu.studentrecords.store.backup.CollectionSummary;
import edu.studentrecords.store.backup.ProgressListener;
import edu.studentrecords.store.testing.Kinds;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backup file format without a database: what it keeps, and the damage it notices. */
class BackupFileTest {

    private static final int CHUNK = 1024;

    @TempDir
    Path dir;

    private final byte[] key = new byte[32];
    private final Map<String, List<RawBsonDocument>> collections = new LinkedHashMap<>();

    @BeforeEach
    void collections() {
        new SecureRandom().nextBytes(key);
        collections.put("records", documents(60));
        collections.put("empty", List.of());
        collections.put("changes", documents(25));
    }

    @Test
    void aFileReadsBackAsWrittenWithItsManifest() throws IOException {
        Path file = write(backup(manifestOf(collections)));
        Map<String, List<byte[]>> seen = new LinkedHashMap<>();
        SealedManifest manifest = CheckedBackupRead.read(file, key, Phase.VERIFY, ProgressListener.NONE,
                new CheckedBackupRead.DocumentSink() {
                    @Override
                    public void document(String collection, byte[] bson) {
                        seen.computeIfAbsent(collection, c -> new ArrayList<>()).add(bson);
                    }
                });
        assertThat(manifest.manifest().collections()).extracting(CollectionSummary::name).containsExactly("records", "empty", "changes");
        assertThat(manifest.manifest().totalDocuments()).isEqualTo(85);
        assertThat(seen.get("records")).hasSize(60);
        assertThat(new RawBsonDocument(seen.get("changes").get(24)).getInt32("_id").getValue()).isEqualTo(24);
        assertThat(frames(Files.readAllBytes(file))).as("several chunks").hasSizeGreaterThan(3);
    }

    @Test
    void theManifestIsAuthenticatedBeforeAnyContentIsRead() throws IOException {
        byte[] bytes = backup(manifestOf(collections));
        List<int[]> frames = frames(bytes);
        // Chunk 1 damaged: opening the file reads the manifest only, so it opens; reading the contents then fails.
        bytes[frames.get(1)[0] + 10] ^= 1;
        try (CheckedBackupRead opened = CheckedBackupRead.open(write(bytes), key)) {
            assertThat(opened.manifest().manifest().collection("records").orElseThrow().documents()).isEqualTo(60);
            List<String> seen = new ArrayList<>();
            assertThatThrownBy(() -> opened.readContents(Phase.VERIFY, ProgressListener.NONE, new CheckedBackupRead.DocumentSink() {
                @Override
                public void document(String collection, byte[] bson) {
                    seen.add(collection);
                }
            })).is(Kinds.MALFORMED).hasMessageContaining("chunk 1 fails authentication");
            assertThat(seen).as("documents of chunk 0 came before the damage was found").isNotEmpty();
        }
        // The manifest damaged: the file does not open at all.
        byte[] manifestDamaged = backup(manifestOf(collections));
        int[] last = frames(manifestDamaged).get(frames(manifestDamaged).size() - 1);
        manifestDamaged[last[0] + 6] ^= 1;
        assertThatThrownBy(() -> CheckedBackupRead.open(write(manifestDamaged), key).close())
                .is(Kinds.MALFORMED).hasMessageContaining("manifest fails authentication");
    }

    @Test
    void aCollectionInAnotherOrderThanItsManifestSaysIsRefusedWhenItEnds() throws IOException {
        // Same documents, two swapped: count right, hash wrong. Caught at the collection's end, not before.
        SealedManifest honest = manifestOf(collections);
        List<RawBsonDocument> records = new ArrayList<>(collections.get("records"));
        records.set(0, collections.get("records").get(1));
        records.set(1, collections.get("records").get(0));
        collections.put("records", records);
        List<String> ended = new ArrayList<>();
        assertThatThrownBy(() -> CheckedBackupRead.read(write(backup(honest)), key, Phase.VERIFY, ProgressListener.NONE,
                new CheckedBackupRead.DocumentSink() {
                    @Override
                    public void endCollection(String collection) {
                        ended.add(collection);
                    }
                })).hasMessageContaining("records: checksum differs");
        assertThat(ended).as("a collection that fails its hash is never reported complete").isEmpty();
    }

    @Test
    void aFileOfFormatOneIsRefusedByName() throws IOException {
        byte[] bytes = backup(manifestOf(collections));
        ByteBuffer.wrap(bytes).putInt(8, 1);
        assertThatThrownBy(() -> verify(write(bytes))).is(Kinds.MALFORMED).hasMessageContaining("format version 1 is no longer read");
    }

    @Test
    void aFileCutAnywhereDoesNotRead() throws IOException {
        byte[] bytes = backup(manifestOf(collections));
        List<Integer> cuts = new ArrayList<>();
        for (int[] frame : frames(bytes)) {
            cuts.add(frame[0]);
            cuts.add(frame[0] + 2);
            cuts.add(frame[0] + 4 + frame[1] / 2);
        }
        cuts.add(bytes.length - 1);
        cuts.add(bytes.length - SealingOutputStream.TRAILER_BYTES);
        cuts.add(BackupFileHeader.LENGTH - 1);
        for (int cut : cuts) {
            Path file = write(Arrays.copyOf(bytes, cut));
            assertThatThrownBy(() -> verify(file)).as("cut at %d", cut).is(Kinds.MALFORMED);
        }
    }

    @Test
    void chunksSwappedDroppedOrRepeatedDoNotRead() throws IOException {
        byte[] bytes = backup(manifestOf(collections));
        List<int[]> frames = frames(bytes);
        int[] first = frames.get(0);
        int[] second = frames.get(1);
        assertThat(first[1]).isEqualTo(second[1]);
        ByteArrayOutputStream swapped = new ByteArrayOutputStream();
        swapped.write(bytes, 0, first[0]);
        swapped.write(bytes, second[0], second[1]);
        swapped.write(bytes, first[0], first[1]);
        swapped.write(bytes, second[0] + second[1], bytes.length - second[0] - second[1]);
        assertThatThrownBy(() -> verify(write(swapped.toByteArray()))).hasMessageContaining("chunk 0 fails authentication");

        ByteArrayOutputStream dropped = new ByteArrayOutputStream();
        dropped.write(bytes, 0, second[0]);
        dropped.write(bytes, second[0] + second[1], bytes.length - second[0] - second[1]);
        assertThatThrownBy(() -> verify(write(dropped.toByteArray()))).hasMessageContaining("does not point at a manifest");

        // The manifest sealed as chunk N, its trailer saying so: take out a content chunk and fix the trailer's offset,
        // and the manifest no longer opens (it was sealed after N content chunks, not N - 1).
        int[] manifest = frames.get(frames.size() - 1);
        ByteArrayOutputStream shortened = new ByteArrayOutputStream();
        shortened.write(bytes, 0, second[0]);
        shortened.write(bytes, second[0] + second[1], bytes.length - second[0] - second[1] - SealingOutputStream.TRAILER_BYTES);
        shortened.write(ByteBuffer.allocate(16).putLong(manifest[0] - second[1]).putLong(frames.size() - 2).array(), 0, 16);
        assertThatThrownBy(() -> verify(write(shortened.toByteArray()))).hasMessageContaining("manifest fails authentication");

        ByteArrayOutputStream extended = new ByteArrayOutputStream();
        extended.write(bytes, 0, bytes.length);
        extended.write(bytes, manifest[0], manifest[1]);
        assertThatThrownBy(() -> verify(write(extended.toByteArray()))).is(Kinds.MALFORMED);
    }

    @Test
    void anotherBackupKeyIsNamedAsSuch() throws IOException {
        Path file = write(backup(manifestOf(collections)));
        key[0] ^= 1;
        assertThatThrownBy(() -> verify(file)).is(Kinds.MALFORMED).hasMessageContaining("backup key");
    }

    @Test
    void aManifestThatDisagreesWithTheContentsIsRefused() throws IOException {
        SealedManifest honest = manifestOf(collections);
        List<CollectionSummary> changed = new ArrayList<>(honest.manifest().collections());
        CollectionSummary records = changed.get(0);
        changed.set(0, new CollectionSummary(records.name(), records.documents() - 1, records.sha256()));
        SealedManifest lying = new SealedManifest(new BackupManifest(BackupFileHeader.FORMAT_VERSION, "db", Instant.EPOCH, Instant.EPOCH, changed),
                Map.of(), Map.of());
        assertThatThrownBy(() -> verify(write(backup(lying)))).as("refused at the document too many, not at the end")
                .hasMessageContaining("collection records holds more documents than its manifest's 59");
        changed.set(0, new CollectionSummary(records.name(), records.documents() + 1, records.sha256()));
        SealedManifest missing = new SealedManifest(new BackupManifest(BackupFileHeader.FORMAT_VERSION, "db", Instant.EPOCH, Instant.EPOCH, changed),
                Map.of(), Map.of());
        assertThatThrownBy(() -> verify(write(backup(missing)))).hasMessageContaining("records: 60 documents, the manifest says 61");

        changed.set(0, new CollectionSummary(records.name(), records.documents(), "00".repeat(32)));
        SealedManifest wrongSum = new SealedManifest(new BackupManifest(BackupFileHeader.FORMAT_VERSION, "db", Instant.EPOCH, Instant.EPOCH, changed),
                Map.of(), Map.of());
        assertThatThrownBy(() -> verify(write(backup(wrongSum)))).hasMessageContaining("records: checksum differs");
    }

    private void verify(Path file) throws IOException {
        CheckedBackupRead.read(file, key, Phase.VERIFY, ProgressListener.NONE, CheckedBackupRead.DocumentSink.NONE);
    }

    private byte[] backup(SealedManifest manifest) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (BackupStreamWriter writer = new BackupStreamWriter(
                new SealingOutputStream(bytes, BackupFileHeader.fresh(key, CHUNK), key))) {
            for (Map.Entry<String, List<RawBsonDocument>> c : collections.entrySet()) {
                writer.beginCollection(c.getKey(), c.getValue().size());
                CollectionDigest digest = new CollectionDigest();
                for (RawBsonDocument doc : c.getValue()) {
                    writer.document(doc, digest);
                }
                writer.endCollection();
            }
            writer.manifest(manifest.toBson());
        }
        return bytes.toByteArray();
    }

    private static SealedManifest manifestOf(Map<String, List<RawBsonDocument>> collections) {
        List<CollectionSummary> summaries = new ArrayList<>();
        for (Map.Entry<String, List<RawBsonDocument>> c : collections.entrySet()) {
            CollectionDigest digest = new CollectionDigest();
            for (RawBsonDocument doc : c.getValue()) {
                byte[] bson = Arrays.copyOf(doc.getByteBuffer().array(), doc.getByteBuffer().remaining());
                digest.add(bson, 0, bson.length);
            }
            summaries.add(new CollectionSummary(c.getKey(), digest.count(), digest.finish()));
        }
        return new SealedManifest(new BackupManifest(BackupFileHeader.FORMAT_VERSION, "db", Instant.EPOCH, Instant.EPOCH, summaries),
                Map.of(), Map.of());
    }

    private static List<RawBsonDocument> documents(int n) {
        List<RawBsonDocument> docs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            docs.add(new RawBsonDocument(new Document("_id", i).append("text", "document " + i + " ".repeat(40)),
                    new DocumentCodec()));
        }
        return docs;
    }

    /** Offset and length of every chunk frame (4-byte word, ciphertext and tag), the manifest's last. */
    private static List<int[]> frames(byte[] bytes) {
        List<int[]> frames = new ArrayList<>();
        int at = BackupFileHeader.LENGTH;
        while (at < bytes.length - SealingOutputStream.TRAILER_BYTES) {
            int length = ByteBuffer.wrap(bytes, at, 4).getInt() & 0x7fff_ffff;
            frames.add(new int[] {at, 4 + length + ChunkCipher.TAG_BYTES});
            at += 4 + length + ChunkCipher.TAG_BYTES;
        }
        return frames;
    }

    private Path write(byte[] bytes) throws IOException {
        Path file = Files.createTempFile(dir, "backup", ".bin");
        Files.write(file, bytes);
        return file;
    }
}
