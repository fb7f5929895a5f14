package edu.studentrecords.store.retention;

import edu.studentrecords.store.Destruction;
import edu.studentrecords.store.DestructionCertificate;
import edu.studentrecords.store.access.AccessContext;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Retention of a realm's records (rules 6.1 to 6.3): the policy, sealed archives of leavers, legal holds, the register
 * of paper copies, and the retention run that archives leavers and destroys them once their retention has ended,
 * through the store's one destruction path (data key first, erasure ledger, record, archive, change feed).
 *
 * <p>Every call is the centre's duty {@code RETENTION} (an administrator with {@code student.admin} and a purpose),
 * decided by the gate and audited once before it answers, refusals included. What a run does to a record is audited
 * apart, as the system's ({@code RETENTION_ARCHIVE}, {@code RETENTION_DESTROY}), before it is done. Thread-safe.
 */
public interface Retention {

    /** Who requests a retention destruction on its certificate. */
    String SYSTEM = "system:retention";

    /** What the caller adds to a run: work after each destruction (the search index) and the certificate's signature. */
    interface Hooks {
        /** Nothing more to do, no signature. */
        Hooks NONE = new Hooks() {
        };

        /** Called after each destruction, before its certificate is issued. */
        default void destroyed(Destruction destruction) {
        }

        /** The signed certificate (a compact JWS), or null. */
        default String sign(DestructionCertificate certificate) {
            return null;
        }

        /**
         * Called once after a run that is not a dry run, with the policy's {@code auditRetentionDays}: the audit
         * trail's own retention (export and drop of the epochs it ends), which needs the caller's signing key.
         */
        default void auditRetention(int auditRetentionDays, Instant now) {
        }
    }

    /** The realm's policy ({@link RetentionPolicy#DEFAULT} until one is set). */
    RetentionPolicy policy(AccessContext ctx);

    /**
     * Replaces the realm's policy from the next run on; a replacement that makes retention shorter waits for a second
     * administrator ({@link #approvePolicy}). {@code INVALID} when it breaks a rule or goes under the server's floor;
     * {@code CONFLICT} ({@code PENDING}) while a change waits: it is approved or cancelled first, so that what the
     * second administrator read is what they approve.
     */
    PolicyChange updatePolicy(AccessContext ctx, RetentionPolicy updated);

    /** The change waiting for approval, if any. */
    java.util.Optional<PolicyChange> pendingPolicy(AccessContext ctx);

    /**
     * A second administrator approves the waiting change they read, named by when it was proposed
     * ({@link PolicyChange#proposedAt()}): it applies. {@code REFUSED} (four eyes) for the one who asked, {@code STALE}
     * when the change waiting now is not that one, {@code CONFLICT} when none waits.
     */
    PolicyChange approvePolicy(AccessContext ctx, java.time.Instant proposedAt);

    /** Cancels the waiting change; the policy stays. {@code CONFLICT} when none waits. */
    PolicyChange cancelPolicy(AccessContext ctx);

    /**
     * Runs retention now, judged at {@link AccessContext#now()}: archives leavers, destroys those whose retention has
     * ended and who are not held. A dry run reports the same and changes nothing. The report is kept.
     */
    RetentionRun run(AccessContext ctx, boolean dryRun, Hooks hooks);

    /**
     * The scheduled run at {@code now}, as the system's: only if no scheduled run was claimed within {@code every}
     * before (on any node), so a timer that fires twice, or on two nodes, runs once.
     *
     * @return the report, or empty when this period's run was done already
     */
    Optional<RetentionRun> runScheduled(Instant now, Duration every, Hooks hooks);

    /** When the last scheduled run was claimed, or empty. */
    Optional<Instant> lastScheduledRun();

    /** The reports of the latest runs (at most 100), newest first. */
    List<RetentionRun> runs(AccessContext ctx);

    /** What is known about the record's archive; {@code NOT_FOUND} of the record or of its archive. */
    ArchiveSummary archive(AccessContext ctx, String recordId);

    /** Re-checks the record's archive: its SHA-256 now, and whether it is intact. */
    ArchiveVerification verifyArchive(AccessContext ctx, String recordId);

    /** Places a legal hold on a record: no retention run destroys it until the hold is lifted. */
    LegalHold placeHold(AccessContext ctx, String recordId, String reason);

    /** Lifts a legal hold; {@code NOT_FOUND}, or {@code CONFLICT} when it was lifted already. */
    LegalHold liftHold(AccessContext ctx, String holdId);

    /** The realm's legal holds, newest first (at most 1000), lifted ones included. */
    List<LegalHold> holds(AccessContext ctx);

    /** Registers a paper copy of a record. */
    PaperCopy addPaperCopy(AccessContext ctx, String recordId, String location, String custodian, LocalDate destroyBy);

    /** The paper copies of a record in the register (also of a destroyed one: the register outlives the record). */
    List<PaperCopy> paperCopies(AccessContext ctx, String recordId);
}
