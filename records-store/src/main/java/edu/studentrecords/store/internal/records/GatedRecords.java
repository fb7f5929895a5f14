package edu.studentrecords.store.internal.records;

import edu.studentrecords.store.RecordView;
import edu.studentrecords.store.Records;
import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.Operation;
import edu.studentrecords.store.audit.AuditOperation;
import edu.studentrecords.store.audit.AuditReason;
import edu.studentrecords.store.enrolment.EnrolmentRow;
import edu.studentrecords.store.enrolment.ImportReport;
import edu.studentrecords.store.enrolment.RowOutcome;
import edu.studentrecords.store.feed.ChangeFeed;
import edu.studentrecords.store.feed.IndexSearch;
import edu.studentrecords.store.history.HistoryEntry;
import edu.studentrecords.store.internal.gate.EnrolmentPass;
import edu.studentrecords.store.internal.gate.RecordGate;
import edu.studentrecords.store.internal.gate.RecordGate.AuditLabel;
import edu.studentrecords.store.internal.gate.RecordGate.Located;
import edu.studentrecords.store.internal.gate.RecordLookup;
import edu.studentrecords.store.internal.gate.WritePass;
import edu.studentrecords.store.model.FieldGroup;
import edu.studentrecords.store.model.StoredRecord;
import edu.studentrecords.store.model.StudentRecord;
import edu.studentrecords.store.validation.FieldError;
import edu.studentrecords.store.validation.PhoneNumbers;
import edu.studentrecords.store.validation.PlainTexts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/** {@link Records} behind the gate. Thread-safe. */
public final class GatedRecords implements Records {

    private static final Logger LOG = Logger.getLogger(GatedRecords.class);
    /** How many rows an import handles between two progress lines in the log. */
    private static final int IMPORT_PROGRESS_EVERY = 500;
    /** How many rows of a file are checked, audited and written together. */
    private static final int IMPORT_CHUNK = 250;

    private final RecordGate gate;
    private final RecordLookup lookup;
    private final RecordVault vault;
    private final RecordWrites writes;
    private final ChangeFeed feed;

    /** @param feed the store's change feed: a search re-checks the records changed after the index's position */
    public GatedRecords(RecordGate gate, RecordLookup lookup, RecordVault vault, RecordWrites writes, ChangeFeed feed) {
        this.gate = gate;
        this.lookup = lookup;
        this.vault = vault;
        this.writes = writes;
        this.feed = feed;
    }

    @Override
    public RecordView create(AccessContext ctx, StudentRecord content, String ownerSubject) {
        return PhoneNumbers.remembering(() -> enrol(ctx, content, ownerSubject));
    }

    private RecordView enrol(AccessContext ctx, StudentRecord content, String ownerSubject) {
        String id = RecordIds.next();
        WritePass pass = gate.openEnrolment(ctx, id);
        List<FieldError> errors = enrolmentProblems(ctx, content, ownerSubject);
        if (!errors.isEmpty()) {
            throw pass.notDone(AuditReason.INVALID_REQUEST, StoreException.invalid(errors));
        }
        Optional<String> taken = KeysInUse.of(lookup, List.of(content), Collections.singletonList(ownerSubject))
                .claim(content, ownerSubject);
        if (taken.isPresent()) {
            throw pass.notDone(AuditReason.DUPLICATE, StoreException.duplicate(taken.get()));
        }
        pass.commitNew();
        Instant now = vault.now();
        StoredRecord record = new StoredRecord(id, 1, ownerSubject, content, now, now, null);
        try {
            vault.insert(record);
        } catch (StoreException e) {
            // Lost to a concurrent enrolment of the same keys after the checks: the entry above is revised.
            gate.outcome(ctx, AuditOperation.CREATE, id, Set.of(), AuditReason.DUPLICATE);
            throw e;
        }
        return RecordVault.view(record, pass.allowed().groups());
    }

    /**
     * Enrols a file's rows a chunk at a time: each chunk's rows checked (the unique keys in one query per key for the
     * whole chunk), their entries appended together, then their keys, change feed intents and records written
     * together. A row is created whole or not at all.
     */
    @Override
    public ImportReport importRecords(AccessContext ctx, Supplier<List<EnrolmentRow>> file) {
        EnrolmentPass pass = gate.openEnrolments(ctx);
        List<EnrolmentRow> rows = file.get();
        List<RowOutcome> outcomes = new ArrayList<>(rows.size());
        int created = 0;
        for (int from = 0; from < rows.size(); from += IMPORT_CHUNK) {
            List<EnrolmentRow> chunk = rows.subList(from, Math.min(rows.size(), from + IMPORT_CHUNK));
            for (RowOutcome outcome : PhoneNumbers.remembering(() -> enrolChunk(ctx, pass, chunk))) {
                outcomes.add(outcome);
                created += outcome.created() ? 1 : 0;
                if (outcomes.size() % IMPORT_PROGRESS_EVERY == 0) {
                    LOG.infof("Import: %d of %d rows done, %d created", outcomes.size(), rows.size(), created);
                }
            }
        }
        LOG.infof("Import finished: %d rows, %d created, %d failed", rows.size(), created, rows.size() - created);
        return ImportReport.of(outcomes);
    }

    private List<RowOutcome> enrolChunk(AccessContext ctx, EnrolmentPass pass, List<EnrolmentRow> rows) {
        RowOutcome[] outcomes = new RowOutcome[rows.size()];
        List<StudentRecord> contents = new ArrayList<>();
        List<String> owners = new ArrayList<>();
        String[] ids = new String[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            EnrolmentRow row = rows.get(i);
            if (!row.errors().isEmpty()) {
                outcomes[i] = RowOutcome.failed(row.row(), row.errors());
                continue;
            }
            ids[i] = RecordIds.next();
            List<FieldError> errors = enrolmentProblems(ctx, row.content(), row.ownerSubject());
            if (errors.isEmpty()) {
                contents.add(row.content());
                owners.add(row.ownerSubject());
            } else {
                outcomes[i] = RowOutcome.failed(row.row(), errors);
            }
        }
        KeysInUse inUse = KeysInUse.of(lookup, contents, owners);
        Instant now = vault.now();
        List<StoredRecord> toWrite = new ArrayList<>();
        List<Integer> written = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            EnrolmentRow row = rows.get(i);
            if (ids[i] == null) {
                continue;
            }
            if (outcomes[i] != null) {
                pass.notDone(ids[i], AuditReason.INVALID_REQUEST);
                continue;
            }
            Optional<String> taken = inUse.claim(row.content(), row.ownerSubject());
            if (taken.isPresent()) {
                pass.notDone(ids[i], AuditReason.DUPLICATE);
                outcomes[i] = RowOutcome.failed(row.row(), StoreException.duplicate(taken.get()).errors());
            } else {
                pass.enrol(ids[i]);
                toWrite.add(new StoredRecord(ids[i], 1, row.ownerSubject(), row.content(), now, now, null));
                written.add(i);
            }
        }
        pass.commit();
        List<StoreException> refused = vault.insertAll(toWrite);
        for (int j = 0; j < written.size(); j++) {
            int i = written.get(j);
            if (refused.get(j) == null) {
                outcomes[i] = RowOutcome.created(rows.get(i).row(), ids[i]);
            } else {
                // Lost to a concurrent enrolment of the same keys after the checks: the entry above is revised.
                gate.outcome(ctx, AuditOperation.CREATE, ids[i], Set.of(), AuditReason.DUPLICATE);
                outcomes[i] = RowOutcome.failed(rows.get(i).row(), refused.get(j).errors());
            }
        }
        return List.of(outcomes);
    }

    /** What is wrong with a new record: its content, and the account it is to be linked to. */
    private List<FieldError> enrolmentProblems(AccessContext ctx, StudentRecord content, String ownerSubject) {
        List<FieldError> errors = new ArrayList<>(writes.problems(ctx, null, content));
        PlainTexts.error("ownerSubject", ownerSubject, false).ifPresent(errors::add);
        return errors;
    }

    @Override
    public RecordView read(AccessContext ctx, String recordId) {
        return readAs(ctx, Operation.READ, recordId);
    }

    @Override
    public RecordView export(AccessContext ctx, String recordId) {
        return readAs(ctx, Operation.EXPORT, recordId);
    }

    @Override
    public RecordView findByStudentNumber(AccessContext ctx, String studentNumber) {
        return readAs(ctx, Operation.READ, lookup.idByStudentNumber(studentNumber).orElse(null));
    }

    @Override
    public RecordView findByResidentIdNumber(AccessContext ctx, String residentIdNumber) {
        return readRequiring(ctx, lookup.idByResidentIdNumber(residentIdNumber).orElse(null), FieldGroup.IDENTITY);
    }

    @Override
    public List<RecordView> findByPhone(AccessContext ctx, String phone) {
        return lookup.idsByPhone(phone).stream().map(id -> {
            try {
                return Optional.of(readRequiring(ctx, id, null));
            } catch (StoreException e) {
                if (e.is(StoreException.Kind.NOT_FOUND) || e.is(StoreException.Kind.REFUSED)) {
                    return Optional.<RecordView>empty();
                }
                throw e;
            }
        }).flatMap(Optional::stream).filter(v -> v.contact() != null || v.guardians() != null).toList();
    }

    @Override
    public RecordView update(AccessContext ctx, String recordId, long expectedVersion, String mergePatch) {
        return writes.patch(ctx, recordId, expectedVersion, mergePatch);
    }

    @Override
    public List<HistoryEntry> history(AccessContext ctx, String recordId) {
        Located found = gate.locate(ctx, Operation.READ, recordId, FieldGroup.ALL,
                new AuditLabel(AuditOperation.READ_HISTORY, null));
        return vault.history(found.doc(), found.allowed().groups());
    }

    @Override
    public <R> R search(AccessContext ctx, IndexSearch<R> search) {
        Objects.requireNonNull(search, "search");
        return gate.searchReadableNow(ctx, feed, search);
    }

    private RecordView readAs(AccessContext ctx, Operation operation, String recordId) {
        try (RecordLocks.Hold held = writes.locks().reading(recordId)) {
            Located found = gate.locate(ctx, operation, recordId, FieldGroup.ALL);
            return vault.view(found.doc(), found.allowed().groups());
        }
    }

    private RecordView readRequiring(AccessContext ctx, String recordId, FieldGroup required) {
        try (RecordLocks.Hold held = writes.locks().reading(recordId)) {
            Located found = gate.locate(ctx, Operation.READ, recordId, FieldGroup.ALL);
            if (required != null && !found.allowed().groups().contains(required)) {
                throw StoreException.notFound(StoreException.Subject.RECORD);
            }
            return vault.view(found.doc(), found.allowed().groups());
        }
    }
}
