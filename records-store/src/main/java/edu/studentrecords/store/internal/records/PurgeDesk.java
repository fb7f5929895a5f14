package edu.studentrecords.store.internal.records;

import edu.studentrecords.store.Destruction;
import edu.studentrecords.store.DestructionCertificate;
import edu.studentrecords.store.PurgeRequest;
import edu.studentrecords.store.PurgeRequests;
import edu.studentrecords.store.PurgeStatus;
import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.StoreException.Subject;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.Operation;
import edu.studentrecords.store.audit.AuditOperation;
import edu.studentrecords.store.audit.AuditReason;
import edu.studentrecords.store.internal.gate.Pass;
import edu.studentrecords.store.internal.gate.PurgePass;
import edu.studentrecords.store.internal.gate.RecordGate;
import edu.studentrecords.store.internal.gate.RecordLookup;
import edu.studentrecords.store.internal.mongo.PurgeRequestCollection;
import edu.studentrecords.store.internal.mongo.RecordHeader;
import edu.studentrecords.store.internal.retention.PaperCopyRegister;
import edu.studentrecords.store.model.FieldGroup;
import edu.studentrecords.store.model.StoredRecord;
import edu.studentrecords.store.retention.PaperCopy;
import edu.studentrecords.store.validation.FieldError;
import edu.studentrecords.store.validation.PlainTexts;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.bson.Document;

/**
 * {@link PurgeRequests} behind the gate. Requests live in their own collection and change only by single-document
 * compare-and-set. An approval first moves the request to {@link PurgeStatus#APPROVING} (only one approval can win
 * that), then destroys, then records the certificate; after a crash in between, a retry by the same administrator (or
 * by another once {@link #APPROVAL_TAKEOVER} has passed) finishes the destruction. Thread-safe.
 */
public final class PurgeDesk implements PurgeRequests {

    private static final String ACCOUNT_REMOVED_REASON =
            "The student's account was removed; the record was unlinked and awaits the centre's decision.";
    private static final int MAX_REASON = 1000;
    private static final int MAX_LIST = 1000;
    /** How often unlinking retries when a concurrent change moves the version under it. */
    private static final int UNLINK_ATTEMPTS = 3;

    private final Predicate<String> held;
    private final RecordGate gate;
    private final RecordLookup lookup;
    private final RecordVault vault;
    private final PurgeRequestCollection requests;
    private final PaperCopyRegister paperCopies;

    /**
     * @param held whether a legal hold not lifted stands on a record (by id): such a record is neither requested for
     *             destruction nor destroyed until the hold is lifted
     */
    public PurgeDesk(RecordGate gate, RecordLookup lookup, RecordVault vault, PurgeRequestCollection requests,
            PaperCopyRegister paperCopies, Predicate<String> held) {
        this.held = held;
        this.gate = gate;
        this.lookup = lookup;
        this.vault = vault;
        this.requests = requests;
        this.paperCopies = paperCopies;
        requests.createIndexes();
    }

    @Override
    public PurgeRequest request(AccessContext ctx, String recordId, String reason) {
        requireReason(reason);
        PurgePass decided = gate.purge(ctx, AuditOperation.PURGE_REQUEST, recordId, Subject.RECORD);
        Pass pass = decided.pass();
        if (decided.header().isEmpty()) {
            throw pass.deny(recordId, AuditReason.RECORD_NOT_FOUND, StoreException.notFound(Subject.RECORD));
        }
        Optional<FieldError> unreadable = PlainTexts.error("reason", reason, true);
        if (unreadable.isPresent()) {
            throw pass.invalid(recordId, AuditReason.INVALID_REASON,
                    StoreException.invalid(Subject.PURGE_REQUEST, unreadable.get()));
        }
        if (held.test(recordId)) {
            throw pass.deny(recordId, AuditReason.LEGAL_HOLD_ACTIVE,
                    StoreException.conflict(Subject.LEGAL_HOLD, StoreException.HELD));
        }
        Optional<Document> open = requests.findOpenFor(recordId);
        if (open.isPresent()) {
            throw pass.deny(recordId, AuditReason.PURGE_ALREADY_REQUESTED,
                    StoreException.conflict(Subject.PURGE_REQUEST, status(open.get()).name()));
        }
        PurgeRequest filed = new PurgeRequest(UUID.randomUUID().toString(), recordId, PurgeStatus.PENDING, reason,
                ctx.subject(), vault.now(), null, null, null);
        if (!requests.insertOpen(toDocument(filed, null))) {
            // Another request for the record was filed between the look-up and the insert.
            throw pass.deny(recordId, AuditReason.PURGE_ALREADY_REQUESTED,
                    StoreException.conflict(Subject.PURGE_REQUEST, PurgeStatus.PENDING.name()));
        }
        pass.allow(recordId);
        return filed;
    }

    @Override
    public DestructionCertificate approve(AccessContext ctx, String requestId, Consumer<Destruction> destroyed) {
        Objects.requireNonNull(destroyed, "destroyed");
        PurgeRequest request = find(ctx, requestId, AuditOperation.PURGE_APPROVE);
        PurgePass decided = gate.purge(ctx, AuditOperation.PURGE_APPROVE, request.recordId(), Subject.PURGE_REQUEST);
        Document stored = requests.find(requestId).orElseThrow(() -> StoreException.notFound(Subject.PURGE_REQUEST));
        // Four eyes: not the one who asked, nor the one whose removal of the account asked for it.
        if (request.requestedBy().equals(ctx.subject())
                || ctx.subject().equals(stored.getString(PurgeRequestCollection.REMOVED_BY))) {
            throw decided.pass().deny(request.recordId(), AuditReason.FOUR_EYES, StoreException.fourEyes(Subject.PURGE_REQUEST));
        }
        // A hold placed after the request was filed stops the destruction; the request waits until it is lifted.
        if (held.test(request.recordId())) {
            throw decided.pass().deny(request.recordId(), AuditReason.LEGAL_HOLD_ACTIVE,
                    StoreException.conflict(Subject.LEGAL_HOLD, StoreException.HELD));
        }
        Instant since = vault.now();
        if (!takeApproval(ctx, stored, decided.header(), since)) {
            throw decided.pass().deny(request.recordId(), AuditReason.PURGE_REQUEST_NOT_PENDING,
                    StoreException.conflict(Subject.PURGE_REQUEST, requests.find(requestId).map(PurgeDesk::status)
                            .orElse(PurgeStatus.APPROVING).name()));
        }
        // The approval's one audit entry is the destruction's own (PURGE by this administrator, decided and appended by
        // the gate before anything is destroyed): if that append fails, the request waits in APPROVING for this
        // administrator's retry instead of being destroyed unaudited.
        long lastVersion = requests.find(requestId).map(d -> d.getLong(PurgeRequestCollection.LAST_VERSION))
                .orElseThrow(() -> StoreException.notFound(Subject.PURGE_REQUEST));
        Instant destroyedAt;
        List<PaperCopy> copies = paperCopies.of(request.recordId());
        try {
            Document doc = gate.locate(ctx, Operation.PURGE, request.recordId(), FieldGroup.ALL).doc();
            Destruction destruction = vault.erase(lookup.headerOf(doc), request.reason());
            destroyed.accept(destruction);
            lastVersion = destruction.lastVersion();
            destroyedAt = destruction.destroyedAt();
        } catch (StoreException alreadyGone) {
            if (!alreadyGone.is(StoreException.Kind.NOT_FOUND)) {
                throw alreadyGone;
            }
            // An interrupted approval that had destroyed the record before it could record the certificate.
            destroyedAt = vault.now();
        }
        if (!requests.markApproved(requestId, ctx.subject(), since, lastVersion, destroyedAt)) {
            throw StoreException.conflict(Subject.PURGE_REQUEST, PurgeStatus.APPROVING.name());
        }
        return new DestructionCertificate(request.recordId(), lastVersion, destroyedAt, request.reason(),
                request.requestedBy(), ctx.subject(), request.id(), copies, null);
    }

    @Override
    public PurgeRequest cancel(AccessContext ctx, String requestId) {
        PurgeRequest request = find(ctx, requestId, AuditOperation.PURGE_CANCEL);
        Pass pass = gate.purge(ctx, AuditOperation.PURGE_CANCEL, request.recordId(), Subject.PURGE_REQUEST).pass();
        if (!requests.markCancelled(requestId, ctx.subject(), vault.now())) {
            throw pass.deny(request.recordId(), AuditReason.PURGE_REQUEST_NOT_PENDING,
                    StoreException.conflict(Subject.PURGE_REQUEST, requests.find(requestId).map(PurgeDesk::status)
                            .orElse(PurgeStatus.CANCELLED).name()));
        }
        pass.allow(request.recordId());
        return fromDocument(requests.find(requestId).orElseThrow(() -> StoreException.notFound(Subject.PURGE_REQUEST)));
    }

    @Override
    public List<PurgeRequest> list(AccessContext ctx, PurgeStatus status) {
        Objects.requireNonNull(status, "status");
        Pass pass = gate.purge(ctx, AuditOperation.PURGE_LIST, null, Subject.PURGE_REQUEST).pass();
        List<PurgeRequest> found = requests.inStatus(status.name(), MAX_LIST).stream()
                .map(PurgeDesk::fromDocument).toList();
        pass.allowListing(found.stream().map(PurgeRequest::recordId).toList());
        return found;
    }

    @Override
    public Optional<PurgeRequest> accountRemoved(String subject, String removedBy) {
        Objects.requireNonNull(subject, "subject");
        Optional<String> linked = lookup.idByOwner(subject);
        if (linked.isEmpty()) {
            return Optional.empty();
        }
        String recordId = linked.get();
        Instant removedAt = vault.now();
        Optional<Document> open = requests.findOpenFor(recordId);
        if (open.isEmpty()) {
            gate.systemAs(USER_REMOVED, AuditOperation.PURGE_REQUEST, recordId, AuditReason.ACCOUNT_REMOVED);
            PurgeRequest filed = new PurgeRequest(UUID.randomUUID().toString(), recordId, PurgeStatus.PENDING,
                    ACCOUNT_REMOVED_REASON, USER_REMOVED, removedAt, null, null, removedAt);
            Document doc = toDocument(filed, subject);
            if (removedBy != null) {
                doc.append(PurgeRequestCollection.REMOVED_BY, removedBy);
            }
            requests.insertOpen(doc);
            open = requests.findOpenFor(recordId);
        }
        gate.systemAs(USER_REMOVED, AuditOperation.UNLINK_OWNER, recordId, AuditReason.ACCOUNT_REMOVED);
        unlinkOwner(recordId, subject);
        return open.map(PurgeDesk::fromDocument);
    }

    /**
     * Unlinks a record from a Keycloak user that was removed: a new version without an owner, content unchanged,
     * through the change feed like every write. Retried on a concurrent change; does nothing when the record is gone or
     * linked to someone else by now.
     */
    private void unlinkOwner(String recordId, String subject) {
        for (int attempt = 1; ; attempt++) {
            Optional<Document> doc = lookup.find(recordId);
            if (doc.isEmpty() || !subject.equals(lookup.headerOf(doc.get()).ownerSubject())) {
                return;
            }
            long current = lookup.headerOf(doc.get()).version();
            StoredRecord before = vault.open(doc.get());
            StoredRecord after = new StoredRecord(recordId, current + 1, null, before.content(), before.createdAt(),
                    vault.now(), before.verifiedAt());
            if (vault.writeVersion(doc.get(), before, after, vault.dataKey(recordId),
                    HistoryNote.system(USER_REMOVED, AuditOperation.UNLINK_OWNER))) {
                return;
            }
            if (attempt == UNLINK_ATTEMPTS) {
                throw StoreException.stale(current, current + 1);
            }
        }
    }

    /** Finds the request; a miss is audited under {@code operation} as the call's one entry. */
    private PurgeRequest find(AccessContext ctx, String requestId, AuditOperation operation) {
        Optional<Document> doc = requestId == null ? Optional.empty() : requests.find(requestId);
        if (doc.isEmpty()) {
            // Not decided first: the same 404 for everyone, so no caller learns which request ids exist.
            throw gate.missing(ctx, operation, AuditReason.PURGE_REQUEST_NOT_FOUND, Subject.PURGE_REQUEST);
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

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank() || reason.length() > MAX_REASON) {
            throw new IllegalArgumentException("a purge request needs a reason of 1 to " + MAX_REASON + " characters");
        }
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
