package edu.studentrecords.store.internal.backup;

import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.backup.BackupProgress;
import edu.studentrecords.store.backup.BackupProgress.Phase;
import edu.studentrecords.store.backup.CollectionSummary;
import edu.studentrecords.store.backup.ProgressListener;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.List;
import org.bson.RawBsonDocument;

/**
 * A backup file opened for one read. {@link #open} checks the header against the backup key, finds the manifest
 * through the file's trailer and authenticates it, before any content is read: {@link #manifest()} is what the
 * file claims, sealed. {@link #readContents} then reads the contents once, every chunk authenticated, every
 * collection in the manifest's order, counted and hashed, and compared with the manifest when it ends. Documents
 * are handed to a {@link DocumentSink} as they come, before their collection's hash is checked: a sink that acts on
 * them undoes what it did when the read fails. The file is read through one open handle, so replacing it meanwhile
 * changes nothing. Not thread-safe.
 */
public final class CheckedBackupRead implements AutoCloseable {

    /** The largest manifest accepted: far beyond the few kilobytes a store's collections and indexes make. */
    private static final int MAX_MANIFEST = 16 << 20;

    /** Receives each document of the backup, and the end of each collection once it checked out. */
    public interface DocumentSink {
        DocumentSink NONE = new DocumentSink() {
        };

        default void document(String collection, byte[] bson) {
        }

        default void endCollection(String collection) {
        }
    }

    private final FileChannel file;
    private final BackupFileHeader header;
    private final ChunkCipher cipher;
    private final SealedManifest manifest;
    private final long manifestAt;
    private final long contentChunks;
    private boolean read;

    private CheckedBackupRead(FileChannel file, byte[] backupKey) throws IOException {
        this.file = file;
        long size = file.size();
        if (size < BackupFileHeader.LENGTH) {
            throw malformed("the file is shorter than a backup header");
        }
        byte[] headerBytes = readAt(0, BackupFileHeader.LENGTH);
        this.header = BackupFileHeader.parse(headerBytes, backupKey);
        this.cipher = new ChunkCipher(header.fileKey(backupKey), headerBytes);
        long smallest = BackupFileHeader.LENGTH + 4 + ChunkCipher.TAG_BYTES + SealingOutputStream.TRAILER_BYTES;
        if (size < smallest) {
            throw malformed("the file ends before its manifest (cut)");
        }
        ByteBuffer trailer = ByteBuffer.wrap(readAt(size - SealingOutputStream.TRAILER_BYTES, SealingOutputStream.TRAILER_BYTES));
        this.manifestAt = trailer.getLong();
        this.contentChunks = trailer.getLong();
        long manifestRoom = size - SealingOutputStream.TRAILER_BYTES - manifestAt;
        if (manifestAt < BackupFileHeader.LENGTH || manifestRoom < 4 + ChunkCipher.TAG_BYTES || contentChunks < 0
                || contentChunks > (manifestAt - BackupFileHeader.LENGTH) / (4 + ChunkCipher.TAG_BYTES)) {
            throw malformed("the file's end does not point at a manifest (cut, extended or damaged)");
        }
        int word = ByteBuffer.wrap(readAt(manifestAt, 4)).getInt();
        long length = word & 0x7fff_ffffL;
        if (word >= 0 || length > MAX_MANIFEST || 4 + length + ChunkCipher.TAG_BYTES != manifestRoom) {
            throw malformed("the file's end does not point at a manifest (cut, extended or damaged)");
        }
        byte[] opened = cipher.open(contentChunks, true, readAt(manifestAt + 4, (int) length + ChunkCipher.TAG_BYTES));
        if (opened == null) {
            throw malformed("the manifest fails authentication (damaged, cut, extended, or from another file)");
        }
        if (opened.length < 5 || ByteBuffer.wrap(opened, 0, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt() != opened.length) {
            throw malformed("backup manifest is malformed");
        }
        this.manifest = SealedManifest.fromBson(new RawBsonDocument(opened));
        if (manifest.manifest().formatVersion() != BackupFileHeader.FORMAT_VERSION) {
            throw malformed("backup manifest names format " + manifest.manifest().formatVersion());
        }
    }

    /**
     * Opens {@code path} and authenticates its manifest.
     *
     * @throws StoreException when the header, the trailer or the manifest fails to check
     */
    public static CheckedBackupRead open(Path path, byte[] backupKey) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        try {
            return new CheckedBackupRead(channel, backupKey);
        } catch (RuntimeException | IOException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Opens {@code path} and reads it whole into {@code sink}.
     *
     * @return the manifest, checked against the contents
     * @throws StoreException on any damage or mismatch
     */
    public static SealedManifest read(Path path, byte[] backupKey, Phase phase, ProgressListener progress, DocumentSink sink)
            throws IOException {
        try (CheckedBackupRead backup = open(path, backupKey)) {
            backup.readContents(phase, progress, sink);
            return backup.manifest();
        }
    }

    /** The authenticated manifest. */
    public SealedManifest manifest() {
        return manifest;
    }

    /**
     * Reads the contents once into {@code sink}, reporting progress under {@code phase}.
     *
     * @throws StoreException when a chunk fails to authenticate or the contents differ from the manifest; the sink
     *                        may have seen documents of the collection that failed
     */
    public void readContents(Phase phase, ProgressListener progress, DocumentSink sink) throws IOException {
        if (read) {
            throw new IllegalStateException("the contents are read once");
        }
        read = true;
        Checker checker = new Checker(manifest.manifest().collections(), phase, progress, sink);
        InputStream contents = new OpeningInputStream(
                new BufferedInputStream(Channels.newInputStream(file.position(BackupFileHeader.LENGTH)), 1 << 16),
                cipher, header.chunkSize(), contentChunks, manifestAt - BackupFileHeader.LENGTH);
        BackupStreamReader.read(contents, checker);
        checker.requireAllSeen();
    }

    private byte[] readAt(long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (file.read(buffer, position + buffer.position()) < 0) {
                throw malformed("the file ends early");
            }
        }
        return buffer.array();
    }

    private static StoreException malformed(String message) {
        return StoreException.malformed(StoreException.Subject.BACKUP, message);
    }

    @Override
    public void close() throws IOException {
        file.close();
    }

    /** Holds the contents to the manifest, collection by collection, as they stream by. */
    private static final class Checker implements BackupStreamReader.Visitor {
        private final Iterator<CollectionSummary> expected;
        private final Phase phase;
        private final ProgressListener progress;
        private final DocumentSink sink;
        private CollectionSummary listed;
        private CollectionDigest digest;

        Checker(List<CollectionSummary> collections, Phase phase, ProgressListener progress, DocumentSink sink) {
            this.expected = collections.iterator();
            this.phase = phase;
            this.progress = progress;
            this.sink = sink;
        }

        @Override
        public void beginCollection(String name, long sizeAtStart) {
            listed = expected.hasNext() ? expected.next() : null;
            if (listed == null || !listed.name().equals(name)) {
                throw malformed("the backup holds collection " + name + " where its manifest lists "
                        + (listed == null ? "nothing more" : listed.name()));
            }
            digest = new CollectionDigest();
            progress.onProgress(new BackupProgress(phase, name, 0, listed.documents()));
        }

        @Override
        public void document(String collection, byte[] bytes) {
            if (digest.count() == listed.documents()) {
                throw malformed("collection " + collection + " holds more documents than its manifest's " + listed.documents());
            }
            digest.add(bytes, 0, bytes.length);
            sink.document(collection, bytes);
            if (digest.count() % ProgressListener.EVERY == 0) {
                progress.onProgress(new BackupProgress(phase, collection, digest.count(), listed.documents()));
            }
        }

        @Override
        public void endCollection(String name) {
            if (digest.count() != listed.documents()) {
                throw malformed("collection " + name + ": " + digest.count() + " documents, the manifest says " + listed.documents());
            }
            if (!digest.finish().equals(listed.sha256())) {
                throw malformed("collection " + name + ": checksum differs from the manifest");
            }
            sink.endCollection(name);
            progress.onProgress(new BackupProgress(phase, name, listed.documents(), listed.documents()));
        }

        void requireAllSeen() {
            if (expected.hasNext()) {
                throw malformed("collection " + expected.next().name() + " is in the manifest but not in the backup");
            }
        }
    }
}
