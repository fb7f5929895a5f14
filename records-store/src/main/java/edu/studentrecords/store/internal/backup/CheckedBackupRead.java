package edu.studentrecords.store.internal.backup;

import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.backup.BackupManifest;
import edu.studentrecords.store.backup.BackupProgress;
import edu.studentrecords.store.backup.BackupProgress.Phase;
import edu.studentrecords.store.backup.CollectionSummary;
import edu.studentrecords.store.backup.ProgressListener;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.bson.RawBsonDocument;

/**
 * One complete read of a backup file: every chunk opened, every record parsed, every collection counted and
 * hashed, and at the end all of it compared with the manifest. Documents are handed to a {@link DocumentSink} as
 * they come; a caller that must not act on unchecked data collects nothing, or undoes what it did when the read
 * fails.
 */
public final class CheckedBackupRead {

    /** Receives each document of the backup, and the end of each collection. */
    public interface DocumentSink {
        DocumentSink NONE = new DocumentSink() {
        };

        default void document(String collection, byte[] bson) {
        }

        default void endCollection(String collection) {
        }
    }

    private CheckedBackupRead() {
    }

    /**
     * Reads {@code file} whole.
     *
     * @param expected a manifest an earlier read found, or null: when given, the file must still hold exactly it
     * @return the manifest, checked against the contents
     * @throws StoreException on any damage or mismatch
     */
    public static SealedManifest read(Path file, byte[] backupKey, Phase phase, SealedManifest expected,
            ProgressListener progress, DocumentSink sink) throws IOException {
        Checker checker = new Checker(phase, expected, progress, sink);
        try (InputStream in = new OpeningInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16), backupKey)) {
            BackupStreamReader.read(in, checker);
        }
        if (checker.manifest == null) {
            throw StoreException.malformed(StoreException.Subject.BACKUP, "backup has no manifest");
        }
        return checker.manifest;
    }

    private static final class Checker implements BackupStreamReader.Visitor {
        private final Phase phase;
        private final SealedManifest expected;
        private final ProgressListener progress;
        private final DocumentSink sink;
        private final Map<String, CollectionSummary> found = new HashMap<>();
        private CollectionDigest digest;
        private long total;
        private SealedManifest manifest;

        Checker(Phase phase, SealedManifest expected, ProgressListener progress, DocumentSink sink) {
            this.phase = phase;
            this.expected = expected;
            this.progress = progress;
            this.sink = sink;
        }

        @Override
        public void beginCollection(String name, long sizeAtStart) {
            digest = new CollectionDigest();
            total = expected == null ? sizeAtStart
                    : expected.manifest().collection(name).map(CollectionSummary::documents).orElse(sizeAtStart);
            progress.onProgress(new BackupProgress(phase, name, 0, total));
        }

        @Override
        public void document(String collection, byte[] bytes) {
            digest.add(bytes, 0, bytes.length);
            sink.document(collection, bytes);
            if (digest.count() % ProgressListener.EVERY == 0) {
                progress.onProgress(new BackupProgress(phase, collection, digest.count(), total));
            }
        }

        @Override
        public void endCollection(String name) {
            sink.endCollection(name);
            found.put(name, new CollectionSummary(name, digest.count(), digest.finish()));
            progress.onProgress(new BackupProgress(phase, name, found.get(name).documents(), total));
        }

        @Override
        public void manifest(RawBsonDocument raw) {
            SealedManifest read = SealedManifest.fromBson(raw);
            BackupManifest m = read.manifest();
            if (m.formatVersion() != BackupFileHeader.FORMAT_VERSION) {
                throw StoreException.malformed(StoreException.Subject.BACKUP, "backup manifest names format " + m.formatVersion());
            }
            if (expected != null && !expected.manifest().equals(m)) {
                throw StoreException.malformed(StoreException.Subject.BACKUP, "backup file changed since it was verified");
            }
            if (m.collections().size() != found.size()) {
                throw StoreException.malformed(StoreException.Subject.BACKUP, "backup holds " + found.size() + " collections, its manifest lists "
                        + m.collections().size());
            }
            for (CollectionSummary listed : m.collections()) {
                CollectionSummary actual = found.get(listed.name());
                if (actual == null) {
                    throw StoreException.malformed(StoreException.Subject.BACKUP, "collection " + listed.name() + " is in the manifest but not in the backup");
                }
                if (actual.documents() != listed.documents()) {
                    throw StoreException.malformed(StoreException.Subject.BACKUP, "collection " + listed.name() + ": " + actual.documents()
                            + " documents, the manifest says " + listed.documents());
                }
                if (!actual.sha256().equals(listed.sha256())) {
                    throw StoreException.malformed(StoreException.Subject.BACKUP, "collection " + listed.name() + ": checksum differs from the manifest");
                }
            }
            manifest = read;
        }
    }
}
