package edu.studentrecords.store.guardians;

import edu.studentrecords.store.OwnAccessLog;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.Ward;
import edu.studentrecords.store.correction.CorrectionRequest;
import java.time.Instant;
import java.util.List;

/**
 * Guardian links, and what a guardian does for a linked child that is not a plain read or change of the record (those
 * go through {@link edu.studentrecords.store.Records} with the guardian's context). Every call passes the gate and
 * leaves one audit entry; a guardian's calls are entered under the child's record, naming the guardian. Thread-safe.
 */
public interface Guardians {

    /**
     * Links {@code account} to the guardian entry {@code guardianIndex} of the record (the centre, duty
     * {@code MANAGE_GUARDIANS}). 422 ({@code INVALID}) for an entry the record does not have, an account that is not a
     * guardian, an adult student, or an entry or account already linked to the record.
     */
    GuardianLink link(AccessContext ctx, String recordId, int guardianIndex, GuardianAccount account);

    /**
     * Approves the waiting link {@code linkId} of the record (the centre): a link opens the child's record to the
     * guardian only once an administrator other than the one who made it approved it. {@code NOT_FOUND} for no such
     * link, {@code REFUSED} ({@code FOUR_EYES}) for the one who made it, {@code CONFLICT} when it was approved already.
     */
    GuardianLink approve(AccessContext ctx, String recordId, String linkId);

    /**
     * Invites the guardian of the entry {@code guardianIndex} of the record (the centre): a one-time token valid until
     * {@code expiresAt}, to be mailed to {@code email} by the caller; 422 as {@link #link} for the entry and the student,
     * and for an address that is no email address. The store keeps the token's hash only, and no address.
     */
    IssuedInvitation invite(AccessContext ctx, String recordId, int guardianIndex, String email, Instant expiresAt);

    /**
     * Accepts the invitation {@code token} for the signed-in guardian {@code account} (a guardian's context): links the
     * account to the invitation's guardian entry, a link that waits for an administrator other than the one who invited
     * to approve it. {@code NOT_FOUND} for a token that is unknown, expired or used, which then links nothing.
     */
    GuardianLink accept(AccessContext ctx, String token, GuardianAccount account);

    /** The record's guardian links, oldest first (the centre). */
    List<GuardianLink> links(AccessContext ctx, String recordId);

    /** Ends the link {@code linkId} of the record (the centre); {@code NOT_FOUND} when the record has no such link. */
    GuardianLink unlink(AccessContext ctx, String recordId, String linkId);

    /**
     * The children {@code guardianSubject} is linked to, each with the date of birth their record holds now: the facts
     * a guardian's access context is built from. Not audited (each call made with them is).
     */
    List<Ward> wardsOf(String guardianSubject);

    /**
     * The guardian's children (a guardian's context): each child's entry goes to that child's access log, allowed
     * while the child is under 18, refused ({@code PROXY_ENDED}) from then on.
     */
    List<Child> children(AccessContext ctx);

    /**
     * The whole access log of the child's record between two instants, newest first, with the record's unit and
     * approved guardian links (a guardian's context); decided as a read of the record.
     */
    OwnAccessLog accessLog(AccessContext ctx, String recordId, Instant from, Instant to);

    /** Asks the centre to correct profile or identity fields of the child's record (a guardian's context). */
    CorrectionRequest requestCorrection(AccessContext ctx, String recordId, String mergePatch, String reason);
}
