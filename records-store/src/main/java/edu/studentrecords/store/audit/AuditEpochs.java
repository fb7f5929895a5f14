package edu.studentrecords.store.audit;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The audit chain cut into sealed epochs, as the system's own timers work on it (no caller to decide about: the
 * supervisors' side is {@link edu.studentrecords.store.AuditReview}). Every step is safe on several nodes at once: an
 * epoch is sealed by one insert of its checkpoint, which only one node wins, and the log feed is written by the node
 * holding its lease. Thread-safe.
 */
public interface AuditEpochs {

    /** The sealed epochs, oldest first (dropped ones included, with their checkpoints). */
    List<SealedEpoch> sealed();

    /** A page of the sealed epochs, oldest first: at most {@code limit} from the {@code offset}-th (from 0). */
    List<SealedEpoch> sealed(int offset, int limit);

    /**
     * Seals every epoch that is closed: one that reached {@code maxEntries} entries, or whose first entry is from a
     * day (UTC) before {@code now}'s, or, with {@code closeOpen}, the open epoch up to the chain's head. Each epoch's
     * entries are walked and checked (hash and link) before its checkpoint is signed; a broken epoch is not sealed.
     *
     * @param closeOpen also close the open epoch at the chain's current head
     * @return the epochs this call sealed (another node may have sealed others)
     */
    List<SealedEpoch> sealDue(Instant now, int maxEntries, boolean closeOpen, AuditSigner signer);

    /** The epoch not closed yet, up to the chain's anchored head; empty when every anchored entry is sealed. */
    Optional<OpenEpoch> open();

    /** The last entry stored, as anyone can anchor it: sequence (0 for an empty chain) and hash. */
    ExternalAnchor head(String place);

    /** Walks the trail and compares it with the anchors kept outside the database (see {@link TrailVerification}). */
    TrailVerification verify(boolean incremental, List<ExternalAnchor> anchors);

    /**
     * Exports the sealed, kept epochs whose last entry is older than {@code retentionDays} before {@code now}, oldest
     * first, each to a signed file in {@code exportDir}, and then drops their entries, keeping their checkpoints. An
     * epoch naming a record under a legal hold is kept, and so is every epoch after it (the kept chain stays one
     * run). Each epoch this call drops leaves a system entry {@code AUDIT_EPOCH_DROP} naming it and its sequences,
     * appended before its entries go.
     *
     * @return the epochs dropped by this call
     */
    List<SealedEpoch> dropExpired(Instant now, int retentionDays, AuditSigner signer, Path exportDir)
            throws IOException;

    /**
     * Writes a sealed, kept epoch as a gzip-compressed JSON Lines file: the signed checkpoint, one line per entry
     * (identifiers and codes only, never record contents) and a signed SHA-256 of everything before it.
     *
     * @throws edu.studentrecords.store.StoreException {@code NOT_FOUND} for no such sealed epoch, {@code CONFLICT}
     *     ({@code DROPPED}) when its entries are dropped
     */
    void export(long epoch, AuditSigner signer, Path file) throws IOException;

    /**
     * Appends the entries the log feed has not carried yet to {@code file}, one JSON line each, if this node holds (or
     * takes) the feed's lease; each entry is carried exactly once, across restarts of the node.
     *
     * @param node this node's name, for the lease
     * @return how many entries were appended
     */
    int feed(Path file, String node, Instant now) throws IOException;

    /**
     * A signed extract (compact JWS) of the entries about one record, or made by one client, with
     * {@code from <= time < to}: each entry checked against its hash, the signed checkpoints of the epochs they lie
     * in, identifiers and codes only.
     *
     * @param recordId the record, or null when {@code clientId} is given
     * @param clientId the client, or null when {@code recordId} is given; then {@code from} and {@code to} are required
     * @throws edu.studentrecords.store.StoreException {@code INVALID} when the window holds too many entries
     */
    String extract(String recordId, String clientId, Instant from, Instant to, AuditSigner signer, Instant now);

    /**
     * The reads of records in the kept entries from {@code from} to {@code to} (widened to whole buckets), counted by
     * client or purpose and per bucket ({@link ReadCounts}).
     *
     * @throws edu.studentrecords.store.StoreException {@code INVALID} when the window holds more entries than one
     *     count reads
     */
    ReadCounts readCounts(Instant from, Instant to, ReadCounts.By by, ReadCounts.Bucket bucket);
}
