package edu.studentrecords.store;

import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.AccessDecision;
import edu.studentrecords.store.access.AccessPolicy;
import edu.studentrecords.store.access.AccessTarget;
import edu.studentrecords.store.access.ClientTrust;
import edu.studentrecords.store.access.DenialReason;
import edu.studentrecords.store.access.Operation;
import edu.studentrecords.store.access.UnitPath;
import edu.studentrecords.store.audit.Decision;
import edu.studentrecords.store.internal.mongo.DecisionRecorder;
import edu.studentrecords.store.internal.mongo.PurgeRequestCollection;
import edu.studentrecords.store.internal.mongo.RecordHeader;
import edu.studentrecords.store.model.FieldGroup;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.bson.Document;

/**
 * Destruction of records with four-eyes approval: one administrator files a purge request with a reason, a second,
 * different administrator approves it, and only then is the record destroyed (its data key first). Every step passes
 * the store's one access decision ({@link Operation#PURGE}: administrators with {@code student.purge}) and leaves an
 * audit entry before it answers: {@link #REQUEST}, {@link #CANCEL}, {@link #LIST}; an approval is recorded by the
 * destruction itself ({@code PURGE} by the approving administrator, appended by {@link StudentRecordStore#destroy}
 * before anything is destroyed), a refused approval as {@link #APPROVE} with its reason code.
 *
 * <p>Requests live in their own collection and change only by single-document compare-and-set. An approval first
 * moves the request to {@link PurgeStatus#APPROVING} (only one approval can win that), then destroys, then records
 * the certificate; after a crash in between, a retry by the same administrator (or by another once
 * {@link #APPROVAL_TAKEOVER} has passed) finishes the destruction. Thread-safe.
 */
public final class PurgeRequests {

    /** The audit code of filing a purge request. */
    public static final String REQUEST = "PURGE_REQUEST";
    /** The audit code of approving one (the destruction that follows is audited as {@code PURGE}). */
    public static final String APPROVE = "PURGE_APPROVE";
    /** The audit code of cancelling one. */
    public static final String CANCEL = "PURGE_CANCEL";
    /** The audit code of listing them. */
    public static final String LIST = "PURGE_LIST";
    /** The audit code of unlinking a record from a Keycloak account that was removed. */
    public static final String UNLINK_OWNER = "UNLINK_OWNER";
    /** Who files the purge request when a student's Keycloak account is removed. */
    public static final String USER_REMOVED = "system:user-removed";
    /** How long an interrupted approval belongs to its approver before another administrator may finish it. */
    public static final Duration APPROVAL_TAKEOVER = Duration.ofMinutes(2);

    static final String FOUR_EYES = "FOUR_EYES";
    static final String NOT_FOUND = "PURGE_REQUEST_NOT_FOUND";
    static final String NOT_PENDING = "PURGE_REQUEST_NOT_PENDING";
    static final String ALREADY_REQUESTED = "PURGE_ALREADY_REQUESTED";
    static final String ACCOUNT_REMOVED = "ACCOUNT_REMOVED";
    private static final String ACCOUNT_REMOVED_REASON =
            "The student's account was removed; the record was unlinked and awaits the centre's decision.";
    private static final int MAX_REASON = 1000;
    private static final int MAX_LIST = 1000;
    /** The unit no record has: decisions about a record that is gone, or about no record in particular, use it. */
    private static final UnitPath NOWHERE = UnitPath.parse("no-such-record");

    /** Destroys a record for an approved request: {@link StudentRecordStore#destroy} or a caller's wrapper of it. */
    @FunctionalInterface
    public interface Destroyer {
        /** Destroys the record; throws {@link RecordNotFoundException} when it is already gone. */
        Destruction destroy(AccessContext ctx, String recordId, String reason);
    }

    private final StudentRecordStore store;
    private final PurgeRequestCollection requests;
    private final DecisionRecorder recorder;
    private final AccessPolicy policy = new AccessPolicy();
    private final Clock clock;

    PurgeRequests(StudentRecordStore store, PurgeRequestCollection requests, DecisionRecorder recorder, Clock clock) {
        this.store = store;
        this.requests = requests;
        this.recorder = recorder;
        this.clock = clock;
        requests.createIndexes();
    }

    /**
     * Files a request to destroy a record.
     *
     * @param reason why, 1 to 1000 characters; kept with the request, never audited or logged
     * @throws RecordNotFoundException     when there is no such record or the caller may not know of it
     * @throws AccessDeniedException       when the caller may not purge
     * @throws PurgeRequestStateException when the record already has an open request
     */
    public PurgeRequest request(AccessContext ctx, String recordId, String reason) {
        requireReason(reason);
        Optional<RecordHeader> header = store.storedHeader(recordId);
        AccessDecision decision = decideOn(ctx, recordId, header);
        if (header.isEmpty() && decision.isAllowed()) {
            recorder.recordEvent(ctx, REQUEST, recordId, List.of(), Decision.DENY, DecisionRecorder.RECORD_NOT_FOUND);
            throw new RecordNotFoundException();
        }
        if (!decision.isAllowed()) {
            recorder.recordAs(ctx, REQUEST, recordId, decision, Set.of());
            throw refusal((AccessDecision.Denied) decision, Refused.RECORD);
        }
        Optional<Document> open = requests.findOpenFor(recordId);
        if (open.isPresent()) {
            recorder.recordEvent(ctx, REQUEST, recordId, List.of(), Decision.DENY, ALREADY_REQUESTED);
            throw new PurgeRequestStateException(status(open.get()));
        }
        recorder.recordAs(ctx, REQUEST, recordId, decision, Set.of());
        PurgeRequest filed = new PurgeRequest(UUID.randomUUID().toString(), recordId, PurgeStatus.PENDING, reason,
                ctx.subject(), now(), null, null, null);
        if (!requests.insertOpen(toDocument(filed, null))) {
            // Another request for the record was filed between the look-up and the insert.
            recorder.recordEvent(ctx, REQUEST, recordId, List.of(), Decision.DENY, ALREADY_REQUESTED);
            throw new PurgeRequestStateException(PurgeStatus.PENDING);
        }
        return filed;
    }

    /**
     * Approves a pending request and destroys its record through {@code destroyer}; the approver must be an
     * administrator other than the requester. Only one approval of a request succeeds; a retry of an interrupted one
     * finishes it.
     *
     * @return the destruction certificate
     * @throws PurgeRequestNotFoundException when there is no such request (or the caller may not see its record)
     * @throws AccessDeniedException          when the caller may not purge
     * @throws FourEyesException              when the caller filed the request
     * @throws PurgeRequestStateException    when the request is not pending (approved, cancelled, or being approved
     *                                        by someone else)
     */
    public DestructionCertificate approve(AccessContext ctx, String requestId, Destroyer destroyer) {
        Objects.requireNonNull(destroyer, "destroyer");
        PurgeRequest request = findDeciding(ctx, requestId, APPROVE);
        Optional<RecordHeader> header = store.storedHeader(request.recordId());
        AccessDecision decision = decideOn(ctx, request.recordId(), header);
        if (!decision.isAllowed()) {
            recorder.recordAs(ctx, APPROVE, request.recordId(), decision, Set.of());
            throw refusal((AccessDecision.Denied) decision, Refused.REQUEST);
        }
        if (request.requestedBy().equals(ctx.subject())) {
            recorder.recordEvent(ctx, APPROVE, request.recordId(), List.of(), Decision.DENY, FOUR_EYES);
            throw new FourEyesException();
        }
        Document stored = requests.find(requestId).orElseThrow(PurgeRequestNotFoundException::new);
        Instant since = now();
        if (!takeApproval(ctx, stored, header, since)) {
            recorder.recordEvent(ctx, APPROVE, request.recordId(), List.of(), Decision.DENY, NOT_PENDING);
            throw new PurgeRequestStateException(requests.find(requestId).map(PurgeRequests::status)
                    .orElse(PurgeStatus.APPROVING));
        }
        // The approval's one audit entry is the destruction's own (PURGE by this administrator, decided and appended by
        // the store before anything is destroyed): if that append fails, the request waits in APPROVING for this
        // administrator's retry instead of being destroyed unaudited.
        long lastVersion = requests.find(requestId).map(d -> d.getLong(PurgeRequestCollection.LAST_VERSION))
                .orElseThrow(PurgeRequestNotFoundException::new);
        Instant destroyedAt;
        List<edu.studentrecords.store.retention.PaperCopy> paperCopies = store.paperCopiesOf(request.recordId());
        try {
            Destruction destruction = destroyer.destroy(ctx, request.recordId(), request.reason());
            lastVersion = destruction.lastVersion();
            destroyedAt = destruction.destroyedAt();
        } catch (RecordNotFoundException alreadyGone) {
            // An interrupted approval that had destroyed the record before it could record the certificate.
            destroyedAt = now();
        }
        if (!requests.markApproved(requestId, ctx.subject(), since, lastVersion, destroyedAt)) {
            throw new PurgeRequestStateException(PurgeStatus.APPROVING);
        }
        return new DestructionCertificate(request.recordId(), lastVersion, destroyedAt, request.reason(),
                request.requestedBy(), ctx.subject(), request.id(), paperCopies, null);
    }

    /**
     * Cancels a pending request; the record stays. Either administrator may cancel (no second pair of eyes is needed
     * to keep a record).
     *
     * @throws PurgeRequestNotFoundException when there is no such request (or the caller may not see its record)
     * @throws AccessDeniedException          when the caller may not purge
     * @throws PurgeRequestStateException    when the request is not pending
     */
    public PurgeRequest cancel(AccessContext ctx, String requestId) {
        PurgeRequest request = findDeciding(ctx, requestId, CANCEL);
        AccessDecision decision = decideOn(ctx, request.recordId(), store.storedHeader(request.recordId()));
        if (!decision.isAllowed()) {
            recorder.recordAs(ctx, CANCEL, request.recordId(), decision, Set.of());
            throw refusal((AccessDecision.Denied) decision, Refused.REQUEST);
        }
        Instant at = now();
        if (!requests.markCancelled(requestId, ctx.subject(), at)) {
            recorder.recordEvent(ctx, CANCEL, request.recordId(), List.of(), Decision.DENY, NOT_PENDING);
            throw new PurgeRequestStateException(requests.find(requestId).map(PurgeRequests::status)
                    .orElse(PurgeStatus.CANCELLED));
        }
        recorder.recordAs(ctx, CANCEL, request.recordId(), decision, Set.of());
        return fromDocument(requests.find(requestId).orElseThrow(PurgeRequestNotFoundException::new));
    }

    /**
     * The requests in a state, newest first (at most 1000): the centre's work queue. Decided as a purge of no record
     * in particular, so only administrators with {@code student.purge} list; every refusal is a 403.
     *
     * @throws AccessDeniedException when the caller may not purge
     */
    public List<PurgeRequest> list(AccessContext ctx, PurgeStatus status) {
        Objects.requireNonNull(status, "status");
        AccessDecision decision = policy.decide(ctx, Operation.PURGE,
                new AccessTarget("purge-requests", null, NOWHERE), FieldGroup.ALL);
        if (!decision.isAllowed()) {
            recorder.recordAs(ctx, LIST, null, decision, Set.of());
            throw refusal((AccessDecision.Denied) decision, Refused.LIST);
        }
        List<PurgeRequest> found = requests.inStatus(status.name(), MAX_LIST).stream()
                .map(PurgeRequests::fromDocument).toList();
        recorder.recordEvent(ctx, LIST, null, found.stream().map(PurgeRequest::recordId).toList(), Decision.ALLOW, null);
        return found;
    }

    /**
     * What the store does when a Keycloak account is removed: the record linked to it (if any) is neither destroyed
     * nor left pointing at an account that no longer exists. A purge request is filed by {@link #USER_REMOVED} for the
     * centre to approve or cancel (or the record's open request is kept), then the record is unlinked; both steps
     * are audited with the client {@link #USER_REMOVED}. The request comes first so that a crash in between never
     * leaves an unlinked record that nobody is asked about. Not an access decision: no caller asked, Keycloak did.
     *
     * @param subject the removed user's id
     * @return the record's open purge request, or empty when no record was linked to the user
     */
    public Optional<PurgeRequest> accountRemoved(String subject) {
        Objects.requireNonNull(subject, "subject");
        Optional<String> linked = store.recordIdOwnedBy(subject);
        if (linked.isEmpty()) {
            return Optional.empty();
        }
        String recordId = linked.get();
        AccessContext system = systemContext();
        Instant removedAt = now();
        Optional<Document> open = requests.findOpenFor(recordId);
        if (open.isEmpty()) {
            recorder.recordEvent(system, REQUEST, recordId, List.of(), Decision.ALLOW, ACCOUNT_REMOVED);
            PurgeRequest filed = new PurgeRequest(UUID.randomUUID().toString(), recordId, PurgeStatus.PENDING,
                    ACCOUNT_REMOVED_REASON, USER_REMOVED, removedAt, null, null, removedAt);
            requests.insertOpen(toDocument(filed, subject));
            open = requests.findOpenFor(recordId);
        }
        recorder.recordEvent(system, UNLINK_OWNER, recordId, List.of(), Decision.ALLOW, ACCOUNT_REMOVED);
        store.unlinkOwner(recordId, subject);
        return open.map(PurgeRequests::fromDocument);
    }

    /** Finds the request, auditing a miss under {@code code} (the one entry of the call). */
    private PurgeRequest findDeciding(AccessContext ctx, String requestId, String code) {
        Optional<Document> doc = requestId == null ? Optional.empty() : requests.find(requestId);
        if (doc.isEmpty()) {
            recorder.recordEvent(ctx, code, null, List.of(), Decision.DENY, NOT_FOUND);
            throw new PurgeRequestNotFoundException();
        }
        return fromDocument(doc.get());
    }

    /**
     * Moves the request into APPROVING for this caller: from PENDING; or resumes the caller's own interrupted
     * approval; or takes over someone else's that has been interrupted longer than {@link #APPROVAL_TAKEOVER}.
     */
    private boolean takeApproval(AccessContext ctx, Document stored, Optional<RecordHeader> header, Instant since) {
        String id = stored.getString(PurgeRequestCollection.ID);
        PurgeStatus status = status(stored);
        if (status == PurgeStatus.PENDING) {
            // A pending request whose record is gone cannot be approved: there is nothing to destroy or certify.
            return header.isPresent() && requests.markApproving(id, ctx.subject(), since, header.get().version());
        }
        if (status != PurgeStatus.APPROVING) {
            return false;
        }
        String approver = stored.getString(PurgeRequestCollection.APPROVED_BY);
        Instant previous = stored.getDate(PurgeRequestCollection.APPROVING_SINCE).toInstant();
        boolean own = approver.equals(ctx.subject());
        boolean abandoned = previous.plus(APPROVAL_TAKEOVER).isBefore(since);
        return (own || abandoned) && requests.takeOverApproval(id, approver, previous, ctx.subject(), since);
    }

    private AccessDecision decideOn(AccessContext ctx, String recordId, Optional<RecordHeader> header) {
        AccessTarget target = header
                .map(h -> new AccessTarget(h.id(), h.ownerSubject(), UnitPath.parse(h.unit())))
                .orElseGet(() -> new AccessTarget(recordId == null || recordId.isBlank() ? "none" : recordId, null,
                        NOWHERE));
        return policy.decide(ctx, Operation.PURGE, target, FieldGroup.ALL);
    }

    /** What a refused call was about: it decides what a refusal that must hide the record looks like. */
    private enum Refused { RECORD, REQUEST, LIST }

    /**
     * The exception for a refusal. One that must hide the record is "not found" of what the caller named (the record,
     * or the request); the list names no record, so there every refusal is a 403.
     */
    private static RuntimeException refusal(AccessDecision.Denied denied, Refused about) {
        if (denied.visibility() == AccessDecision.Visibility.FORBIDDEN) {
            return new AccessDeniedException(denied);
        }
        return switch (about) {
            case RECORD -> new RecordNotFoundException();
            case REQUEST -> new PurgeRequestNotFoundException();
            case LIST -> new AccessDeniedException(
                    new AccessDecision.Denied(DenialReason.OPERATION_REQUIRES_ADMIN, AccessDecision.Visibility.FORBIDDEN));
        };
    }

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank() || reason.length() > MAX_REASON) {
            throw new IllegalArgumentException("a purge request needs a reason of 1 to " + MAX_REASON + " characters");
        }
    }

    private AccessContext systemContext() {
        return AccessContext.builder()
                .serviceAccount(true)
                .clientId(USER_REMOVED)
                .clientTrust(ClientTrust.INTERNAL)
                .now(now())
                .build();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static PurgeStatus status(Document doc) {
        return PurgeStatus.valueOf(doc.getString(PurgeRequestCollection.STATUS));
    }

    private static Document toDocument(PurgeRequest request, String formerOwner) {
        Document doc = new Document(PurgeRequestCollection.ID, request.id())
                .append(PurgeRequestCollection.RECORD_ID, request.recordId())
                .append(PurgeRequestCollection.STATUS, request.status().name())
                .append(PurgeRequestCollection.REASON, request.reason())
                .append(PurgeRequestCollection.REQUESTED_BY, request.requestedBy())
                .append(PurgeRequestCollection.REQUESTED_AT, Date.from(request.requestedAt()));
        if (request.accountRemovedAt() != null) {
            doc.append(PurgeRequestCollection.ACCOUNT_REMOVED_AT, Date.from(request.accountRemovedAt()));
        }
        if (formerOwner != null) {
            // The removed account's id, so that the centre can tell whose record it was in Keycloak's own events.
            doc.append(PurgeRequestCollection.FORMER_OWNER, formerOwner);
        }
        return doc;
    }

    private static PurgeRequest fromDocument(Document doc) {
        return new PurgeRequest(doc.getString(PurgeRequestCollection.ID), doc.getString(PurgeRequestCollection.RECORD_ID),
                status(doc), doc.getString(PurgeRequestCollection.REASON), doc.getString(PurgeRequestCollection.REQUESTED_BY),
                instant(doc, PurgeRequestCollection.REQUESTED_AT), doc.getString(PurgeRequestCollection.DECIDED_BY),
                instant(doc, PurgeRequestCollection.DECIDED_AT), instant(doc, PurgeRequestCollection.ACCOUNT_REMOVED_AT));
    }

    private static Instant instant(Document doc, String field) {
        Date date = doc.getDate(field);
        return date == null ? null : date.toInstant();
    }
}
