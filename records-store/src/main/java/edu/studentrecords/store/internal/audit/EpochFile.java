package edu.studentrecords.store.internal.audit;

import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.audit.AuditEntry;
import edu.studentrecords.store.audit.AuditSigner;
import edu.studentrecords.store.audit.SealedEpoch;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.bson.Document;

/**
 * Writes one sealed epoch as a gzip-compressed JSON Lines file: first {@code {"checkpoint":"<signed checkpoint>"}},
 * then one line per entry ({@link EntryJson}), last {@code {"signature":"<JWS>"}} whose payload is
 * {@code {"epoch","entries","sha256"}}, the SHA-256 of every byte before that last line (uncompressed). Each entry is
 * checked (hash and link) while it is written; the file appears under its name only once complete.
 */
final class EpochFile {

    /** The JWS {@code typ} of an export's signature line. */
    static final String SIGNATURE_TYPE = "audit-export+jwt";

    private final ChainReader chain;
    private final ChainMac mac;

    EpochFile(ChainReader chain, ChainMac mac) {
        this.chain = chain;
        this.mac = mac;
    }

    /** The file name of an epoch's export. */
    static String nameOf(long epoch) {
        return String.format("audit-epoch-%08d.jsonl.gz", epoch);
    }

    void write(SealedEpoch epoch, AuditSigner signer, Path file) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        MessageDigest sha256 = sha256();
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(partial), 1 << 16)) {
            emit(out, sha256, EntryJson.line(Map.of("checkpoint", epoch.signed())));
            String previousHash = epoch.checkpoint().previousHash();
            long last = epoch.checkpoint().lastSequence();
            for (long next = epoch.checkpoint().firstSequence(); next <= last; next += ChainReader.CHUNK) {
                int count = (int) Math.min(ChainReader.CHUNK, last - next + 1);
                Map<Long, Document> found = chain.fetchRange(next, count);
                for (long sequence = next; sequence < next + count; sequence++) {
                    AuditEntry entry = checked(found.get(sequence), previousHash);
                    emit(out, sha256, EntryJson.line(entry));
                    previousHash = entry.hash();
                }
            }
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("epoch", epoch.id());
            claims.put("entries", epoch.checkpoint().entryCount());
            claims.put("sha256", HexFormat.of().formatHex(sha256.digest()));
            String signature = signer.sign(SIGNATURE_TYPE, EntryJson.write(claims).getBytes(StandardCharsets.UTF_8));
            out.write(EntryJson.line(Map.of("signature", signature)));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        try (var channel = java.nio.channels.FileChannel.open(partial, java.nio.file.StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private AuditEntry checked(Document document, String previousHash) {
        try {
            if (document != null) {
                AuditEntry entry = EntryDocument.toEntry(document);
                if (mac.hashOf(entry).equals(entry.hash()) && entry.previousHash().equals(previousHash)) {
                    return entry;
                }
            }
        } catch (MalformedEntryException e) {
            // reported below
        }
        throw StoreException.conflict(StoreException.Subject.AUDIT_TRAIL, "NOT_INTACT");
    }

    private static void emit(OutputStream out, MessageDigest digest, byte[] line) throws IOException {
        digest.update(line);
        out.write(line);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
