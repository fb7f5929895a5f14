package edu.studentrecords.store;

import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.audit.AuditEntry;
import edu.studentrecords.store.audit.AuditEpochs;
import edu.studentrecords.store.audit.AuditSigner;
import edu.studentrecords.store.audit.ChainVerification;
import edu.studentrecords.store.audit.ExternalAnchor;
import edu.studentrecords.store.audit.ReadCounts;
import edu.studentrecords.store.audit.SealedEpoch;
import edu.studentrecords.store.audit.TrailPage;
import edu.studentrecords.store.audit.TrailQuery;
import edu.studentrecords.store.audit.TrailVerification;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Supervision (rule 9): the audit trail read and its hash chain checked by supervisors and administrators, never
 * record contents. Every call is the duty {@code SUPERVISE}, decided by the gate and audited once before it answers;
 * reading a record's history is recorded under that record, so the student sees that it was looked at. Thread-safe.
 */
public interface AuditReview {

    /** The entries about one record, newest first, with {@code from <= time < to} (either bound may be null). */
    List<AuditEntry> ofRecord(AccessContext ctx, String recordId, Instant from, Instant to, int offset, int limit);

    /** Up to {@code limit} consecutive entries of the whole trail from {@code fromSequence}, oldest first. */
    List<AuditEntry> range(AccessContext ctx, long fromSequence, int limit);

    /**
     * The entries of the whole trail that {@code query} looks for, oldest first, reading at most
     * {@link TrailQuery#MAX_SCANNED} entries: the page says where the next one starts.
     */
    TrailPage search(AccessContext ctx, TrailQuery query);

    /** Walks the hash chain end to end. */
    ChainVerification verify(AccessContext ctx);

    /**
     * Walks the kept chain (all of it, or with {@code incremental} only what follows the last sealed checkpoint),
     * checks every sealed epoch's checkpoint against it, and compares it with the anchors kept outside the database.
     */
    TrailVerification verify(AccessContext ctx, boolean incremental, List<ExternalAnchor> anchors);

    /**
     * Closes the open epoch at the chain's anchored head and seals it, with every other epoch that is due, if the open
     * epoch holds at least {@code minEntries} entries or its first entry is {@code minAge} old
     * ({@link edu.studentrecords.store.audit.OpenEpoch#closableByHand}); the call is entered after the sealing, as
     * what it came to.
     *
     * @return the epochs this call sealed (none when nothing is open)
     * @throws StoreException {@code CONFLICT} {@code TOO_YOUNG} when the open epoch is below both limits (nothing is
     *     sealed), {@code CONFLICT} {@code NOT_INTACT} when the entries to seal are not intact
     */
    List<SealedEpoch> seal(AccessContext ctx, Instant now, int maxEntries, int minEntries, Duration minAge,
            AuditSigner signer);

    /** A page of the sealed epochs, oldest first, from the {@code offset}-th. */
    List<SealedEpoch> epochs(AccessContext ctx, int offset, int limit);

    /**
     * Writes a sealed, kept epoch as a signed export file ({@link AuditEpochs#export}); an unknown epoch is
     * {@code NOT_FOUND} and a dropped one {@code CONFLICT}, decided and entered as refused ({@code EPOCH_NOT_FOUND},
     * {@code EPOCH_DROPPED}) before anything is written.
     */
    void export(AccessContext ctx, long epoch, AuditSigner signer, Path file) throws IOException;

    /**
     * A signed extract for a supervisor: the entries about one record or made by one client within a time window
     * ({@link AuditEpochs#extract}). An extract about a record is recorded under that record; one whose window holds
     * too many entries ({@code INVALID}) is entered as refused ({@code TOO_MANY_ENTRIES}).
     */
    String extract(AccessContext ctx, String recordId, String clientId, Instant from, Instant to, AuditSigner signer);

    /**
     * How often records were read in a window, by client or purpose, per hour or day ({@link AuditEpochs#readCounts});
     * a window with more entries than one count reads ({@code INVALID}) is entered as refused ({@code TOO_MANY_ENTRIES}).
     */
    ReadCounts readCounts(AccessContext ctx, Instant from, Instant to, ReadCounts.By by, ReadCounts.Bucket bucket);
}
