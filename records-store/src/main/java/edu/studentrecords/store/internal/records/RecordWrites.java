package edu.studentrecords.store.internal.records;

import edu.studentrecords.store.RecordView;
import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.AccessTarget;
import edu.studentrecords.store.access.RecordChange;
import edu.studentrecords.store.access.UnitPath;
import edu.studentrecords.store.audit.AuditOperation;
import edu.studentrecords.store.audit.AuditReason;
import edu.studentrecords.store.internal.gate.RecordGate;
import edu.studentrecords.store.internal.gate.RecordGate.AuditLabel;
import edu.studentrecords.store.internal.gate.RecordLookup;
import edu.studentrecords.store.internal.gate.WritePass;
import edu.studentrecords.store.internal.mongo.RecordHeader;
import edu.studentrecords.store.internal.mongo.RecordMergePatch;
import edu.studentrecords.store.guardians.GuardianLink;
import edu.studentrecords.store.model.FieldGroup;
import edu.studentrecords.store.model.Guardian;
import edu.studentrecords.store.model.Profile;
import edu.studentrecords.store.model.StoredRecord;
import edu.studentrecords.store.model.StudentRecord;
import edu.studentrecords.store.validation.FieldError;
import edu.studentrecords.store.validation.PhoneNumbers;
import edu.studentrecords.store.validation.RecordValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Changes to a record's content, judged on the record before and after: staff and administrators through
 * {@code /records/{id}}, the student on their own record through {@code /me}, the centre applying a correction. A change
 * is decided by the gate on the groups it touches, applied only against the version the writer read, validated
 * (including that its unit is one of the realm's and that no other record holds its unique keys), judged again on
 * what it does (a move, a leaver), audited once with its outcome, and only then written. Thread-safe.
 */
public final class RecordWrites {

    private final RecordGate gate;
    private final RecordLookup lookup;
    private final RecordVault vault;
    private final RecordValidator validator;
    private final RecordLocks locks = new RecordLocks();

    private final Function<String, List<GuardianLink>> guardianLinks;

    /** {@code guardianLinks}: the guardian accounts linked to a record, each to one guardian entry by its index. */
    public RecordWrites(RecordGate gate, RecordLookup lookup, RecordVault vault, RecordValidator validator,
            Function<String, List<GuardianLink>> guardianLinks) {
        this.gate = gate;
        this.lookup = lookup;
        this.vault = vault;
        this.validator = validator;
        this.guardianLinks = guardianLinks;
    }

    /**
     * Applies {@code mergePatch} to the record if it is still at {@code expectedVersion}; {@code recordId} may be null
     * (a caller without a record of their own), which the gate refuses.
     */
    RecordView patch(AccessContext ctx, String recordId, long expectedVersion, String mergePatch) {
        try (RecordLocks.Hold held = locks.writing(recordId)) {
            return PhoneNumbers.remembering(() -> patchHeld(ctx, recordId, expectedVersion, mergePatch));
        }
    }

    private RecordView patchHeld(AccessContext ctx, String recordId, long expectedVersion, String mergePatch) {
        RecordMergePatch patch = RecordMergePatch.parse(mergePatch);
        WritePass pass = gate.openWrite(ctx, recordId, patch.touchedGroups(), null);
        long current = lookup.headerOf(pass.doc()).version();
        if (current != expectedVersion) {
            throw pass.notDone(AuditReason.STALE_VERSION, StoreException.stale(expectedVersion, current));
        }
        StoredRecord before = vault.open(pass.doc());
        StudentRecord content;
        try {
            content = patch.applyTo(before.content());
        } catch (StoreException e) {
            throw pass.notDone(AuditReason.INVALID_REQUEST, e);
        }
        StoredRecord after = new StoredRecord(recordId, current + 1, before.ownerSubject(), content,
                before.createdAt(), vault.now(), before.verifiedAt());
        commit(ctx, pass, before, after, patch.touchedGroups());
        HistoryNote note = HistoryNote.of(ctx, pass.allowed(), AuditOperation.UPDATE, before.content().profile().unit());
        if (!vault.writeVersion(pass.doc(), before, after, vault.dataKey(recordId), note)) {
            // Lost to a concurrent writer after the checks: the entry above is revised, nothing was written.
            gate.outcome(ctx, AuditOperation.UPDATE, recordId, patch.touchedGroups(), AuditReason.STALE_VERSION);
            throw StoreException.stale(expectedVersion, lookup.versionNow(recordId));
        }
        // Echo back only what the caller wrote and may also read: a partial patch must not reveal the rest of a group.
        Set<FieldGroup> echoed = gate.readableAfterWrite(ctx, header(after), patch.touchedGroups());
        return RecordVault.view(after, echoed);
    }

    /**
     * Checks a change let through by {@code pass} and settles it: the new content is valid, its unit is one of the
     * realm's, no other record holds its unique keys, and the access decision allows what the change does. Anything
     * else is audited as not done (or refused) and thrown; nothing is written.
     */
    void commit(AccessContext ctx, WritePass pass, StoredRecord before, StoredRecord after, Set<FieldGroup> touched) {
        List<FieldError> errors = problems(ctx, before.content(), after.content());
        errors.addAll(linkedEntriesChanged(guardianLinks.apply(before.id()), before.content(), after.content()));
        if (!errors.isEmpty()) {
            throw pass.notDone(AuditReason.INVALID_REQUEST, StoreException.invalid(errors));
        }
        Optional<String> taken = takenKey(before.id(), before.content(), after.content());
        if (taken.isPresent()) {
            throw pass.notDone(AuditReason.DUPLICATE, StoreException.duplicate(taken.get()));
        }
        pass.commit(new RecordChange(target(before), target(after), touched,
                makesLeaver(before.content().profile(), after.content().profile())));
    }

    /**
     * What is wrong with a new content: the validator's rules, and a unit the realm does not have when the content
     * places the record in a unit (new, or moved).
     */
    List<FieldError> problems(AccessContext ctx, StudentRecord before, StudentRecord after) {
        List<FieldError> errors = new ArrayList<>(validator.validate(after));
        String unit = after.profile() == null ? null : after.profile().unit();
        boolean placed = before == null || !Objects.equals(before.profile().unit(), unit);
        if (placed && UnitPath.isRecordUnit(unit) && !ctx.unitDirectory().exists(UnitPath.parse(unit))) {
            errors.add(new FieldError("profile.unit", "unit.unknown", "is not one of the realm's units"));
        }
        return errors;
    }

    /**
     * The guardian entries a change takes from under a guardian account's link: a linked entry must stay where the link
     * points, the same person (name and relationship), whoever changes the record; otherwise the link would open the
     * record to whoever the entry becomes, or to an entry that is gone. The centre ends the link first.
     */
    static List<FieldError> linkedEntriesChanged(List<GuardianLink> links, StudentRecord before, StudentRecord after) {
        List<FieldError> errors = new ArrayList<>();
        List<Guardian> was = before.guardians() == null ? List.of() : before.guardians();
        List<Guardian> is = after.guardians() == null ? List.of() : after.guardians();
        for (GuardianLink link : links) {
            int i = link.guardianIndex();
            Guardian old = i < was.size() ? was.get(i) : null;
            Guardian now = i < is.size() ? is.get(i) : null;
            boolean same = old == null ? now == null
                    : now != null && old.name().equals(now.name()) && old.relationship() == now.relationship();
            if (!same) {
                errors.add(new FieldError("guardians[" + i + "]", "guardian.linked",
                        "is linked to a guardian account: the centre ends the link before this entry is removed,"
                                + " moved or given to another person"));
            }
        }
        return errors;
    }

    /** The unique key of {@code after} another record holds already, by its field path, if any. */
    Optional<String> takenKey(String recordId, StudentRecord before, StudentRecord after) {
        String number = after.profile().studentNumber();
        if ((before == null || !number.equals(before.profile().studentNumber()))
                && lookup.idByStudentNumber(number).filter(id -> !id.equals(recordId)).isPresent()) {
            return Optional.of("profile.studentNumber");
        }
        String residentId = after.identity() == null ? null : after.identity().residentIdNumber();
        String previous = before == null || before.identity() == null ? null : before.identity().residentIdNumber();
        if (residentId != null && !residentId.equals(previous)
                && lookup.idByResidentIdNumber(residentId).filter(id -> !id.equals(recordId)).isPresent()) {
            return Optional.of("identity.residentIdNumber");
        }
        return Optional.empty();
    }

    /** Whether a change makes the student a leaver: a status of one who left, or a leaving date set or changed. */
    static boolean makesLeaver(Profile before, Profile after) {
        boolean leaves = after.status() != before.status() && after.status().hasLeft();
        return leaves || !Objects.equals(before.leavingDate(), after.leavingDate());
    }

    /** Validates a record's content; thrown as {@code INVALID} with every broken rule. */
    void requireValid(StudentRecord content) {
        List<FieldError> errors = validator.validate(content);
        if (!errors.isEmpty()) {
            throw StoreException.invalid(errors);
        }
    }

    /** The node's holds on records: every write of a record's content, and every read of one, holds it. */
    RecordLocks locks() {
        return locks;
    }

    /** A write of {@code after} let through under an entry of its own ({@code label}), e.g. an approved correction. */
    WritePass open(AccessContext ctx, String recordId, Set<FieldGroup> groups, AuditLabel label) {
        return gate.openWrite(ctx, recordId, groups, label);
    }

    private static AccessTarget target(StoredRecord record) {
        return RecordGate.target(header(record));
    }

    private static RecordHeader header(StoredRecord record) {
        return new RecordHeader(record.id(), record.version(), record.ownerSubject(), record.content().profile().unit());
    }
}
