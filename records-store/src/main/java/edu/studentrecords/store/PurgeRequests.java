package edu.studentrecords.store;

import edu.studentrecords.store.access.AccessContext;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Destruction of records with four-eyes approval (rule 6.1): one administrator files a purge request with a reason, a
 * second, different administrator approves it, and only then is the record destroyed (its data key first). Every step
 * passes the gate ({@code PURGE}: administrators with {@code student.purge}) and leaves one audit entry before it
 * answers; an approval's entry is the destruction's own ({@code PURGE} by the approving administrator). Thread-safe.
 */
public interface PurgeRequests {

    /** Who files the purge request when a student's Keycloak account is removed. */
    String USER_REMOVED = "system:user-removed";
    /** How long an interrupted approval belongs to its approver before another administrator may finish it. */
    Duration APPROVAL_TAKEOVER = Duration.ofMinutes(2);

    /**
     * Files a request to destroy a record.
     *
     * @param reason why, 1 to 1000 characters; kept with the request, never audited or logged
     * @throws StoreException {@code NOT_FOUND} (no such record the caller may see), {@code REFUSED}, {@code CONFLICT}
     *     (the record already has an open request; the code is its status)
     */
    PurgeRequest request(AccessContext ctx, String recordId, String reason);

    /**
     * Approves a pending request and destroys its record; the approver must be an administrator other than the
     * requester. Only one approval of a request succeeds; a retry of an interrupted one finishes it.
     *
     * @param destroyed told of the destruction before the certificate is issued (e.g. to purge a search index)
     * @return the destruction certificate
     * @throws StoreException {@code NOT_FOUND}, {@code REFUSED} (code {@code FOUR_EYES} when the caller filed it),
     *     {@code CONFLICT} (not pending)
     */
    DestructionCertificate approve(AccessContext ctx, String requestId, Consumer<Destruction> destroyed);

    /** Cancels a pending request; the record stays. Either administrator may cancel. */
    PurgeRequest cancel(AccessContext ctx, String requestId);

    /** The requests in a state, newest first (at most 1000): the centre's work queue. */
    List<PurgeRequest> list(AccessContext ctx, PurgeStatus status);

    /**
     * A student's Keycloak account was removed: the record linked to it (if any) is neither destroyed nor left
     * pointing at an account that no longer exists. A purge request is filed by {@link #USER_REMOVED} for the centre to
     * approve or cancel (or the record's open request is kept), then the record is unlinked; both steps are audited as
     * the system's. Not an access decision: no caller asked, Keycloak did.
     *
     * @param removedBy the Keycloak user id of whoever removed the account, or null when not known: that person may not
     *                  approve the destruction the removal asks for (no one destroys a record alone, on any path)
     * @return the record's open purge request, or empty when no record was linked to the user
     */
    Optional<PurgeRequest> accountRemoved(String subject, String removedBy);
}
