package edu.studentrecords.store.internal.records;

import com.mongodb.client.model.Updates;
import edu.studentrecords.store.Corrections;
import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.StoreException.Subject;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.Duty;
import edu.studentrecords.store.access.Operation;
import edu.studentrecords.store.audit.AuditOperation;
import edu.studentrecords.store.audit.AuditReason;
import edu.studentrecords.store.correction.CorrectionRequest;
import edu.studentrecords.store.correction.CorrectionReview;
import edu.studentrecords.store.correction.CorrectionStatus;
import edu.studentrecords.store.internal.gate.Pass;
import edu.studentrecords.store.internal.gate.RecordGate;
import edu.studentrecords.store.internal.gate.RecordGate.AuditLabel;
import edu.studentrecords.store.internal.gate.RecordGate.Located;
import edu.studentrecords.store.internal.gate.RecordGate.RecordCall;
import edu.studentrecords.store.internal.gate.RecordLookup;
import edu.studentrecords.store.internal.gate.WritePass;
import edu.studentrecords.store.internal.mongo.CorrectionCollection;
import edu.studentrecords.store.internal.mongo.CorrectionContent;
import edu.studentrecords.store.internal.mongo.CorrectionSeal;
import edu.studentrecords.store.internal.mongo.RecordMergePatch;
import edu.studentrecords.store.model.FieldGroup;
import edu.studentrecords.store.model.StoredRecord;
import edu.studentrecords.store.model.StudentRecord;
import edu.studentrecords.store.validation.FieldError;
import edu.studentrecords.store.validation.PlainTexts;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * Correction requests (rule 5.2): a student asks for a change of {@code profile} or {@code identity} fields of their
 * own record, the centre reviews it with the values before and after, and an approval applies it as a new version.
 * The student's side is decided as a self-service read of the record; the centre's as the duty
 * {@link Duty#REVIEW_CORRECTIONS} and then as a read (review) or update (approval, rejection) of the groups the request
 * touches. Requests are sealed with the record's data key. Thread-safe.
 */
public final class CorrectionDesk implements Corrections {

    /** The groups a correction request may change: the others the student changes directly. */
    private static final Set<FieldGroup> CORRECTABLE = Set.of(FieldGroup.PROFILE, FieldGroup.IDENTITY);
    /** The longest reason or note kept with a correction request. */
    private static final int MAX_TEXT = 1000;
    /** The status of a request whose approval is being applied: no second reviewer can take it meanwhile. */
    private static final String APPLYING = "APPLYING";

    private final RecordGate gate;
    private final RecordLookup lookup;
    private final RecordVault vault;
    private final RecordWrites writes;
    private final CorrectionCollection corrections;

    public CorrectionDesk(RecordGate gate, RecordLookup lookup, RecordVault vault, RecordWrites writes,
            CorrectionCollection corrections) {
        this.gate = gate;
        this.lookup = lookup;
        this.vault = vault;
        this.writes = writes;
        this.corrections = corrections;
    }

    /** The student's request (see {@code SelfService#requestCorrection}); audited once as {@code REQUEST_CORRECTION}. */
    CorrectionRequest request(AccessContext ctx, String mergePatch, String reason) {
        return request(ctx, gate.ownRecordId(ctx), mergePatch, reason);
    }

    /**
     * A request about the record {@code recordId}, decided as a read of it: the student's own (self service), or a
     * linked child's (a guardian); audited once as {@code REQUEST_CORRECTION}.
     */
    public CorrectionRequest request(AccessContext ctx, String recordId, String mergePatch, String reason) {
        RecordMergePatch patch = null;
        StoreException unreadable = null;
        try {
            patch = RecordMergePatch.parse(mergePatch);
        } catch (StoreException e) {
            unreadable = e;
        }
        Set<FieldGroup> named = patch == null ? Set.of() : patch.touchedGroups();
        RecordCall call = gate.open(ctx, Operation.READ, recordId, FieldGroup.ALL,
                new AuditLabel(AuditOperation.REQUEST_CORRECTION, named));
        // Refused for its content: the entry says it was not done, and nothing is kept.
        if (unreadable != null) {
            throw call.pass().invalid(recordId, AuditReason.INVALID_REQUEST, unreadable);
        }
        List<FieldError> refused = new ArrayList<>();
        named.stream().filter(g -> !CORRECTABLE.contains(g)).sorted().forEach(g -> refused.add(new FieldError(
                g.jsonName(), "not-correctable", "is changed by the student directly, not by a correction request")));
        textError("reason", reason).ifPresent(refused::add);
        if (!refused.isEmpty()) {
            throw call.pass().invalid(recordId, AuditReason.INVALID_REQUEST, StoreException.invalid(refused));
        }
        byte[] dataKey = vault.dataKey(recordId);
        StoredRecord before = vault.open(call.doc());
        StudentRecord after = patch.applyTo(before.content());
        try {
            writes.requireValid(after);
        } catch (StoreException invalid) {
            throw call.pass().invalid(recordId, AuditReason.INVALID_REQUEST, invalid);
        }
        if (after.equals(before.content())) {
            throw call.pass().invalid(recordId, AuditReason.INVALID_REQUEST, StoreException.invalid(Subject.CORRECTION,
                    new FieldError("changes", "no-change", "changes nothing in the record")));
        }
        call.pass().allow(recordId);
        String id = UUID.randomUUID().toString();
        boolean profile = named.contains(FieldGroup.PROFILE);
        boolean identity = named.contains(FieldGroup.IDENTITY);
        CorrectionContent content = new CorrectionContent(mergePatch, reason.strip(),
                profile ? before.content().profile() : null, identity ? before.content().identity() : null,
                profile ? after.profile() : null, identity ? after.identity() : null);
        Document doc = new Document(CorrectionCollection.ID, id)
                .append(CorrectionCollection.RECORD, recordId)
                .append(CorrectionCollection.STATUS, CorrectionStatus.PENDING.name())
                .append(CorrectionCollection.GROUPS, named.stream().sorted().map(FieldGroup::jsonName).toList())
                .append(CorrectionCollection.BASE_VERSION, before.version())
                .append(CorrectionCollection.REQUESTED_AT, Date.from(vault.now()))
                .append(CorrectionCollection.SEALED, new Binary(CorrectionSeal.sealContent(dataKey, id, recordId, content)));
        corrections.add(doc);
        return correction(doc, dataKey);
    }

    /** The student's own requests, newest first; audited once as {@code READ_CORRECTIONS} without groups. */
    List<CorrectionRequest> own(AccessContext ctx) {
        Located found = gate.locateOwn(ctx, Operation.READ, FieldGroup.ALL,
                new AuditLabel(AuditOperation.READ_CORRECTIONS, Set.of()));
        return ofRecord(lookup.headerOf(found.doc()).id());
    }

    /** Every request about the record, newest first, read without a decision: the caller has made it. */
    List<CorrectionRequest> ofRecord(String recordId) {
        byte[] dataKey = vault.dataKey(recordId);
        List<CorrectionRequest> list = new ArrayList<>(corrections.ofRecord(recordId).stream()
                .map(doc -> correction(doc, dataKey)).toList());
        // The list is in the order the requests were made: reversed, requests of the same millisecond stay newest first.
        Collections.reverse(list);
        list.sort(Comparator.comparing(CorrectionRequest::requestedAt).reversed());
        return list;
    }

    @Override
    public List<CorrectionReview> pending(AccessContext ctx) {
        // A refusal of the duty is this call's one entry; an allowed reviewer's entries are the reads that follow.
        gate.duty(ctx, Duty.REVIEW_CORRECTIONS, AuditOperation.REVIEW_CORRECTION, null);
        List<CorrectionReview> reviews = new ArrayList<>();
        for (Document doc : corrections.pending()) {
            String recordId = doc.getString(CorrectionCollection.RECORD);
            Set<FieldGroup> groups = groups(doc);
            try {
                gate.locate(ctx, Operation.READ, recordId, groups, new AuditLabel(AuditOperation.REVIEW_CORRECTION, groups));
                reviews.add(review(doc, vault.dataKey(recordId)));
            } catch (StoreException e) {
                if (!e.is(StoreException.Kind.NOT_FOUND) && !e.is(StoreException.Kind.REFUSED)) {
                    throw e;
                }
                // Not the caller's to review, or the record is gone: not listed.
            }
        }
        return reviews;
    }

    @Override
    public CorrectionRequest approve(AccessContext ctx, String correctionId, String note) {
        Document request = find(ctx, correctionId, AuditOperation.APPROVE_CORRECTION);
        String recordId = request.getString(CorrectionCollection.RECORD);
        try (RecordLocks.Hold held = writes.locks().writing(recordId)) {
            return apply(ctx, correctionId, note, request, recordId);
        }
    }

    private CorrectionRequest apply(AccessContext ctx, String correctionId, String note, Document request,
            String recordId) {
        Set<FieldGroup> groups = groups(request);
        WritePass pass = writes.open(ctx, recordId, groups, new AuditLabel(AuditOperation.APPROVE_CORRECTION, groups));
        if (!isPending(request)) {
            throw pass.notDone(AuditReason.CONFLICT, StoreException.conflict(Subject.CORRECTION, "DECIDED"));
        }
        Optional<FieldError> badNote = note == null ? Optional.empty() : textError("note", note);
        if (badNote.isPresent()) {
            throw pass.notDone(AuditReason.INVALID_REQUEST, StoreException.invalid(Subject.CORRECTION, badNote.get()));
        }
        byte[] dataKey = vault.dataKey(recordId);
        CorrectionContent content = CorrectionSeal.openContent(dataKey, correctionId, recordId,
                request.get(CorrectionCollection.SEALED, Binary.class).getData());
        StoredRecord current = vault.open(pass.doc());
        boolean unchanged = (content.profileBefore() == null || content.profileBefore().equals(current.content().profile()))
                && (content.identityBefore() == null || content.identityBefore().equals(current.content().identity()));
        if (!unchanged) {
            throw pass.notDone(AuditReason.STALE_VERSION,
                    StoreException.stale(request.getLong(CorrectionCollection.BASE_VERSION), current.version()));
        }
        StudentRecord corrected = RecordMergePatch.parse(content.patch()).applyTo(current.content());
        StoredRecord after = new StoredRecord(recordId, current.version() + 1, current.ownerSubject(), corrected,
                current.createdAt(), vault.now(), current.verifiedAt());
        writes.commit(ctx, pass, current, after, groups);
        if (!corrections.transition(correctionId, CorrectionStatus.PENDING.name(),
                Updates.set(CorrectionCollection.STATUS, APPLYING))) {
            gate.outcome(ctx, AuditOperation.APPROVE_CORRECTION, recordId, groups, AuditReason.CONFLICT);
            throw StoreException.conflict(Subject.CORRECTION, "DECIDED");
        }
        boolean written;
        try {
            written = vault.writeVersion(pass.doc(), current, after, dataKey, HistoryNote.of(ctx, pass.allowed(),
                    AuditOperation.APPROVE_CORRECTION, current.content().profile().unit()));
        } catch (RuntimeException e) {
            backToPending(correctionId);
            gate.outcome(ctx, AuditOperation.APPROVE_CORRECTION, recordId, groups, AuditReason.FAILED);
            throw e;
        }
        if (!written) {
            backToPending(correctionId);
            gate.outcome(ctx, AuditOperation.APPROVE_CORRECTION, recordId, groups, AuditReason.STALE_VERSION);
            throw StoreException.stale(current.version(), lookup.versionNow(recordId));
        }
        return decide(ctx, request, APPLYING, CorrectionStatus.APPROVED, note, after.version(), dataKey);
    }

    @Override
    public CorrectionRequest reject(AccessContext ctx, String correctionId, String reason) {
        Document request = find(ctx, correctionId, AuditOperation.REJECT_CORRECTION);
        String recordId = request.getString(CorrectionCollection.RECORD);
        RecordCall call = gate.open(ctx, Operation.UPDATE, recordId, groups(request),
                new AuditLabel(AuditOperation.REJECT_CORRECTION, Set.of()));
        Optional<FieldError> unreadable = textError("reason", reason);
        if (unreadable.isPresent()) {
            throw call.pass().invalid(recordId, AuditReason.INVALID_REQUEST,
                    StoreException.invalid(Subject.CORRECTION, unreadable.get()));
        }
        if (!isPending(request)) {
            throw call.pass().invalid(recordId, AuditReason.CONFLICT, StoreException.conflict(Subject.CORRECTION,
                    "DECIDED"));
        }
        call.pass().allow(recordId);
        return decide(ctx, request, CorrectionStatus.PENDING.name(), CorrectionStatus.REJECTED, reason, null,
                vault.dataKey(recordId));
    }

    /**
     * The request a reviewer names, once the reviewer's duty is decided. A request that does not exist is still a call
     * to account for: its one entry is a refusal naming the miss. An existing request's entry is the decision on its
     * record that follows.
     */
    private Document find(AccessContext ctx, String correctionId, AuditOperation operation) {
        Optional<Document> found = correctionId == null ? Optional.empty() : corrections.find(correctionId);
        Pass pass = gate.duty(ctx, Duty.REVIEW_CORRECTIONS, operation,
                found.map(doc -> doc.getString(CorrectionCollection.RECORD)).orElse(null));
        if (found.isEmpty()) {
            throw pass.deny(null, AuditReason.CORRECTION_NOT_FOUND, StoreException.notFound(Subject.CORRECTION));
        }
        return found.get();
    }

    private void backToPending(String correctionId) {
        corrections.transition(correctionId, APPLYING,
                Updates.set(CorrectionCollection.STATUS, CorrectionStatus.PENDING.name()));
    }

    private CorrectionRequest decide(AccessContext ctx, Document request, String from, CorrectionStatus to, String note,
            Long appliedVersion, byte[] dataKey) {
        String id = request.getString(CorrectionCollection.ID);
        String recordId = request.getString(CorrectionCollection.RECORD);
        List<org.bson.conversions.Bson> changes = new ArrayList<>(List.of(
                Updates.set(CorrectionCollection.STATUS, to.name()),
                Updates.set(CorrectionCollection.DECIDED_AT, Date.from(vault.now())),
                Updates.set(CorrectionCollection.DECIDED_BY, ctx.subject() != null ? ctx.subject() : ctx.clientId())));
        if (note != null && !note.isBlank()) {
            changes.add(Updates.set(CorrectionCollection.NOTE,
                    new Binary(CorrectionSeal.sealNote(dataKey, id, recordId, note.strip()))));
        }
        if (appliedVersion != null) {
            changes.add(Updates.set(CorrectionCollection.APPLIED_VERSION, appliedVersion));
        }
        if (!corrections.transition(id, from, Updates.combine(changes))) {
            throw StoreException.conflict(Subject.CORRECTION, "DECIDED");
        }
        corrections.unlistPending(id);
        return correction(corrections.find(id).orElseThrow(() -> StoreException.notFound(Subject.CORRECTION)), dataKey);
    }

    private static boolean isPending(Document request) {
        return CorrectionStatus.PENDING.name().equals(request.getString(CorrectionCollection.STATUS));
    }

    private static Optional<FieldError> textError(String field, String text) {
        if (text == null || text.isBlank()) {
            return Optional.of(new FieldError(field, "required", "is required"));
        }
        if (text.strip().length() > MAX_TEXT) {
            return Optional.of(new FieldError(field, "size", "must be at most " + MAX_TEXT + " characters"));
        }
        return PlainTexts.error(field, text, true);
    }

    private static Set<FieldGroup> groups(Document request) {
        return request.getList(CorrectionCollection.GROUPS, String.class).stream()
                .map(name -> FieldGroup.fromJsonName(name).orElseThrow())
                .collect(java.util.stream.Collectors.toCollection(() -> java.util.EnumSet.noneOf(FieldGroup.class)));
    }

    private CorrectionRequest correction(Document doc, byte[] dataKey) {
        String id = doc.getString(CorrectionCollection.ID);
        String recordId = doc.getString(CorrectionCollection.RECORD);
        CorrectionContent content = CorrectionSeal.openContent(dataKey, id, recordId,
                doc.get(CorrectionCollection.SEALED, Binary.class).getData());
        String stored = doc.getString(CorrectionCollection.STATUS);
        // A request caught while its approval is applied still reads as pending: it is not decided yet.
        CorrectionStatus status = APPLYING.equals(stored) ? CorrectionStatus.PENDING : CorrectionStatus.valueOf(stored);
        Date decidedAt = status == CorrectionStatus.PENDING ? null : doc.getDate(CorrectionCollection.DECIDED_AT);
        edu.studentrecords.store.correction.CorrectionOutcome outcome = null;
        if (status != CorrectionStatus.PENDING) {
            Binary note = doc.get(CorrectionCollection.NOTE, Binary.class);
            outcome = new edu.studentrecords.store.correction.CorrectionOutcome(status,
                    note == null ? null : CorrectionSeal.openNote(dataKey, id, recordId, note.getData()),
                    doc.getLong(CorrectionCollection.APPLIED_VERSION));
        }
        return new CorrectionRequest(id, recordId, status, groups(doc), content.reason(),
                doc.getDate(CorrectionCollection.REQUESTED_AT).toInstant(),
                decidedAt == null ? null : decidedAt.toInstant(), outcome);
    }

    private CorrectionReview review(Document doc, byte[] dataKey) {
        String id = doc.getString(CorrectionCollection.ID);
        CorrectionContent content = CorrectionSeal.openContent(dataKey, id, doc.getString(CorrectionCollection.RECORD),
                doc.get(CorrectionCollection.SEALED, Binary.class).getData());
        return new CorrectionReview(correction(doc, dataKey), doc.getLong(CorrectionCollection.BASE_VERSION),
                content.profileBefore(), content.profileAfter(), content.identityBefore(), content.identityAfter());
    }
}
