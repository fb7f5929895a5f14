package edu.studentrecords.store.internal.reports;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import edu.studentrecords.store.OwnRecord;
import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.Duty;
import edu.studentrecords.store.access.Operation;
import edu.studentrecords.store.audit.AuditEntry;
import edu.studentrecords.store.audit.AuditOperation;
import edu.studentrecords.store.audit.AuditReason;
import edu.studentrecords.store.audit.AuditTrail;
import edu.studentrecords.store.internal.gate.Pass;
import edu.studentrecords.store.internal.gate.RecordGate;
import edu.studentrecords.store.internal.gate.RecordGate.AuditLabel;
import edu.studentrecords.store.internal.gate.RecordGate.RecordCall;
import edu.studentrecords.store.internal.records.RecordVault;
import edu.studentrecords.store.model.FieldGroup;
import edu.studentrecords.store.reports.MisuseReport;
import edu.studentrecords.store.reports.MisuseReports;
import edu.studentrecords.store.reports.ReportKind;
import edu.studentrecords.store.reports.ReportStatus;
import edu.studentrecords.store.reports.Severity;
import edu.studentrecords.store.reports.Triage;
import edu.studentrecords.store.validation.FieldError;
import edu.studentrecords.store.validation.PlainTexts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;

/**
 * Misuse reports in their own collection, one document per report, each change one single-document atomic write (a
 * triage or resolution applies only while the report is not resolved). The message and the outcome are sealed with
 * the data key of the student's record, so destroying the record makes its reports unreadable too.
 */
public final class MongoMisuseReports implements MisuseReports {

    private static final String RECORD = "recordId";
    private static final String STATUS = "status";

    private static final List<Duty> REVIEWERS = List.of(Duty.HANDLE_REPORTS, Duty.REVIEW_REPORTS);

    private final RecordGate gate;
    private final MongoCollection<Document> reports;
    private final AuditTrail audit;
    private final RecordVault vault;

    public MongoMisuseReports(RecordGate gate, MongoCollection<Document> reports, AuditTrail audit, RecordVault vault) {
        this.gate = gate;
        this.reports = reports;
        this.audit = audit;
        this.vault = vault;
        // Used by MongoDB; the embedded engine ignores non-unique indexes and scans, which a student's few reports afford.
        reports.createIndex(Indexes.ascending(RECORD));
    }

    @Override
    public MisuseReport report(AccessContext ctx, String message, List<Long> auditEntries) {
        return reportOwn(ctx, ReportKind.MISUSE, message, auditEntries);
    }

    @Override
    public MisuseReport reportOwn(AccessContext ctx, ReportKind kind, String message, List<Long> auditEntries) {
        return report(ctx, gate.ownRecordId(ctx), kind, message, auditEntries);
    }

    @Override
    public MisuseReport report(AccessContext ctx, String recordId, ReportKind kind, String message,
            List<Long> auditEntries) {
        // A question is entered as one, not as a report of misuse.
        RecordCall call = gate.open(ctx, Operation.READ, recordId, FieldGroup.ALL, new AuditLabel(
                kind == ReportKind.QUESTION ? AuditOperation.ASK_QUESTION : AuditOperation.REPORT_MISUSE, Set.of()));
        OwnRecord own = new OwnRecord(call.recordId(), null);
        List<Long> entries = auditEntries == null ? List.of() : new ArrayList<>(auditEntries);
        List<FieldError> errors = errors(own, message, entries);
        if (!errors.isEmpty()) {
            throw call.pass().invalid(own.id(), AuditReason.INVALID_REQUEST, StoreException.invalid(errors));
        }
        call.pass().allow(own.id());
        String id = UUID.randomUUID().toString();
        Instant now = now();
        ReportKind reportKind = kind == null ? ReportKind.MISUSE : kind;
        String sentByRole = ctx.guardianProxy() ? MisuseReport.GUARDIAN : MisuseReport.STUDENT;
        byte[] sealed = ReportSeal.sealMessage(dataKey(own.id()), id, own.id(), message.strip());
        reports.insertOne(new Document("_id", id)
                .append(RECORD, own.id())
                .append(STATUS, ReportStatus.OPEN.name())
                .append("message", new Binary(sealed))
                .append("auditEntries", entries)
                .append("createdAt", Date.from(now))
                .append("outcome", null)
                .append("decidedAt", null)
                .append("kind", reportKind.name())
                .append("sentBy", ctx.subject())
                .append("sentByRole", sentByRole));
        return MisuseReport.opened(id, own.id(), message.strip(), entries, now, reportKind, ctx.subject(), sentByRole);
    }

    @Override
    public List<MisuseReport> ownReports(AccessContext ctx) {
        return ofRecord(own(ctx, AuditOperation.READ_REPORTS).id());
    }

    /** Every report and question about the record, newest first, read without a decision: the caller has made it. */
    public List<MisuseReport> ofRecord(String recordId) {
        byte[] key = dataKey(recordId);
        List<MisuseReport> found = new ArrayList<>();
        for (Document doc : reports.find(Filters.eq(RECORD, recordId))) {
            found.add(decode(doc, key));
        }
        found.sort(NEWEST_FIRST);
        return found;
    }

    @Override
    public List<MisuseReport> list(AccessContext ctx, ReportStatus status) {
        Pass pass = gate.anyDuty(ctx, AuditOperation.LIST_MISUSE_REPORTS, REVIEWERS);
        Bson filter = status == null ? new Document() : Filters.eq(STATUS, status.name());
        List<MisuseReport> found = new ArrayList<>();
        for (Document doc : reports.find(filter)) {
            // A record being destroyed has no key any more: its reports are gone with it.
            vault.findDataKey(doc.getString(RECORD)).ifPresent(key -> found.add(decode(doc, key)));
        }
        found.sort(NEWEST_FIRST);
        pass.allowListing(List.copyOf(new TreeSet<>(found.stream().map(MisuseReport::recordId).toList())));
        return found;
    }

    @Override
    public MisuseReport get(AccessContext ctx, String reportId) {
        return allowed(opened(gate.anyDuty(ctx, AuditOperation.READ_MISUSE_REPORT, REVIEWERS), reportId));
    }

    @Override
    public List<AuditEntry> entries(AccessContext ctx, String reportId) {
        MisuseReport report = allowed(opened(gate.anyDuty(ctx, AuditOperation.READ_MISUSE_REPORT_ENTRIES, REVIEWERS),
                reportId));
        TreeSet<Long> sequences = new TreeSet<>(report.auditEntries());
        sequences.addAll(report.linkedEntries());
        List<AuditEntry> entries = new ArrayList<>();
        for (long sequence : sequences) {
            entries.addAll(audit.range(sequence, 1));
        }
        return entries;
    }

    @Override
    public MisuseReport triage(AccessContext ctx, String reportId, Triage triage, Predicate<String> assignable) {
        Opened opened = opened(gate.duty(ctx, Duty.HANDLE_REPORTS, AuditOperation.TRIAGE_MISUSE_REPORT, null),
                reportId);
        MisuseReport report = opened.report();
        List<FieldError> errors = errors(report, triage, assignable);
        if (!errors.isEmpty()) {
            throw opened.notDone(AuditReason.INVALID_REQUEST, StoreException.invalid(errors));
        }
        if (report.status() == ReportStatus.RESOLVED) {
            throw opened.notDone(AuditReason.CONFLICT, StoreException.conflict(StoreException.Subject.REPORT, "RESOLVED"));
        }
        allowed(opened);
        String assignee = triage.assignee() == null || triage.assignee().isBlank() ? null : triage.assignee().strip();
        return unresolvedUpdate(report, Updates.combine(
                Updates.set(STATUS, ReportStatus.TRIAGED.name()),
                Updates.set("severity", triage.severity().name()),
                Updates.set("assignee", assignee),
                Updates.set("linkedEntries", List.copyOf(triage.linkedEntries())),
                Updates.set("triagedAt", Date.from(now())),
                Updates.set("triagedBy", actor(ctx))));
    }

    @Override
    public MisuseReport resolve(AccessContext ctx, String reportId, String outcome) {
        Opened opened = opened(gate.anyDuty(ctx, AuditOperation.RESOLVE_MISUSE_REPORT, REVIEWERS), reportId);
        MisuseReport report = opened.report();
        if (outcome == null || outcome.isBlank()) {
            throw opened.notDone(AuditReason.INVALID_REQUEST, StoreException.invalid(List.of(
                    new FieldError("outcome", "required", "Say how it was dealt with."))));
        }
        if (outcome.strip().length() > MAX_MESSAGE) {
            throw opened.notDone(AuditReason.INVALID_REQUEST, StoreException.invalid(List.of(
                    new FieldError("outcome", "size", "At most " + MAX_MESSAGE + " characters."))));
        }
        Optional<FieldError> notPlain = PlainTexts.error("outcome", outcome, true);
        if (notPlain.isPresent()) {
            throw opened.notDone(AuditReason.INVALID_REQUEST, StoreException.invalid(List.of(notPlain.get())));
        }
        if (report.status() == ReportStatus.RESOLVED) {
            throw opened.notDone(AuditReason.CONFLICT, StoreException.conflict(StoreException.Subject.REPORT, "RESOLVED"));
        }
        allowed(opened);
        byte[] sealed = ReportSeal.sealOutcome(dataKey(report.recordId()), report.id(), report.recordId(), outcome.strip());
        return unresolvedUpdate(report, Updates.combine(
                Updates.set(STATUS, ReportStatus.RESOLVED.name()),
                Updates.set("outcome", new Binary(sealed)),
                Updates.set("decidedAt", Date.from(now())),
                Updates.set("decidedBy", actor(ctx))));
    }

    /** A report a centre call names, decrypted, with the pass on which the call's outcome is still to be written. */
    private record Opened(Pass pass, MisuseReport report) {

        /** The call is refused for what it asks: its entry says it was not done. Returns {@code failure} to throw. */
        StoreException notDone(AuditReason reason, StoreException failure) {
            return pass.invalid(report.recordId(), reason, failure);
        }
    }

    /** The report a centre call names, decrypted; audits the miss (no such report, or its record gone) before the 404. */
    private Opened opened(Pass pass, String reportId) {
        Document doc = reportId == null ? null : reports.find(Filters.eq("_id", reportId)).first();
        Optional<byte[]> key = doc == null ? Optional.empty() : vault.findDataKey(doc.getString(RECORD));
        if (key.isEmpty()) {
            throw pass.deny(null, AuditReason.REPORT_NOT_FOUND, StoreException.notFound(StoreException.Subject.REPORT));
        }
        return new Opened(pass, decode(doc, key.get()));
    }

    /** Audits the call as done, under the report's record. */
    private static MisuseReport allowed(Opened opened) {
        opened.pass().allow(opened.report().recordId());
        return opened.report();
    }

    /** The caller's own record, decided as a self-service look at it and audited under {@code operation}. */
    private OwnRecord own(AccessContext ctx, AuditOperation operation) {
        Document doc = gate.locateOwn(ctx, Operation.READ, FieldGroup.ALL, new AuditLabel(operation, Set.of())).doc();
        Document profile = doc.get("profile", Document.class);
        return new OwnRecord(doc.getString("_id"), profile == null ? null : profile.getString("unit"));
    }

    /** Applies {@code change} only while the report is not resolved: a concurrent resolution wins, this one is a 409. */
    private MisuseReport unresolvedUpdate(MisuseReport report, Bson change) {
        Document updated = reports.findOneAndUpdate(
                Filters.and(Filters.eq("_id", report.id()), Filters.ne(STATUS, ReportStatus.RESOLVED.name())), change,
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        if (updated == null) {
            throw StoreException.conflict(StoreException.Subject.REPORT, "RESOLVED");
        }
        return decode(updated, dataKey(report.recordId()));
    }

    private List<FieldError> errors(OwnRecord own, String message, List<Long> entries) {
        List<FieldError> errors = new ArrayList<>();
        if (message == null || message.isBlank()) {
            errors.add(new FieldError("message", "required", "Say what happened."));
        } else if (message.strip().length() > MAX_MESSAGE) {
            errors.add(new FieldError("message", "size", "At most " + MAX_MESSAGE + " characters."));
        } else {
            PlainTexts.error("message", message, true).ifPresent(errors::add);
        }
        entryErrors("auditEntries", entries, own.id(), "Not an entry of your record's access log.", errors);
        return errors;
    }

    private List<FieldError> errors(MisuseReport report, Triage triage, Predicate<String> assignable) {
        List<FieldError> errors = new ArrayList<>();
        if (triage.severity() == null) {
            errors.add(new FieldError("severity", "required", "One of " + List.of(Severity.values()) + "."));
        }
        Optional<FieldError> assignee = PlainTexts.error("assignee", triage.assignee(), false);
        if (assignee.isPresent()) {
            errors.add(assignee.get());
        } else if (triage.assignee() != null && !triage.assignee().isBlank()
                && !assignable.test(triage.assignee().strip())) {
            errors.add(new FieldError("assignee", "centre-member",
                    "Not the username of an administrator or supervisor of this realm."));
        }
        entryErrors("linkedEntries", triage.linkedEntries(), report.recordId(),
                "Not an entry of the report's record.", errors);
        return errors;
    }

    private void entryErrors(String field, List<Long> entries, String recordId, String message, List<FieldError> errors) {
        if (entries.size() > MAX_ENTRIES) {
            errors.add(new FieldError(field, "size", "At most " + MAX_ENTRIES + " entries."));
            return;
        }
        for (int i = 0; i < entries.size(); i++) {
            if (!onRecord(entries.get(i), recordId)) {
                errors.add(new FieldError(field + "[" + i + "]", "own-record", message));
            }
        }
    }

    /**
     * Whether the entry is one of the record's access log, as {@link AuditTrail#historyOf} lists it: about the record,
     * or a search whose answer named it.
     */
    private boolean onRecord(Long sequence, String recordId) {
        if (sequence == null || sequence < 1) {
            return false;
        }
        List<AuditEntry> entry = audit.range(sequence, 1);
        return !entry.isEmpty()
                && (recordId.equals(entry.get(0).recordId()) || entry.get(0).recordIds().contains(recordId));
    }

    private static MisuseReport decode(Document doc, byte[] key) {
        String id = doc.getString("_id");
        String recordId = doc.getString(RECORD);
        String message = ReportSeal.openMessage(key, id, recordId, doc.get("message", Binary.class).getData());
        Binary outcome = doc.get("outcome", Binary.class);
        String severity = doc.getString("severity");
        return new MisuseReport(id, recordId, ReportStatus.valueOf(doc.getString(STATUS)), message,
                longs(doc, "auditEntries"), doc.getDate("createdAt").toInstant(),
                outcome == null ? null : ReportSeal.openOutcome(key, id, recordId, outcome.getData()),
                instant(doc, "decidedAt"), severity == null ? null : Severity.valueOf(severity),
                doc.getString("assignee"), longs(doc, "linkedEntries"), instant(doc, "triagedAt"),
                doc.getString("triagedBy"), doc.getString("decidedBy"),
                doc.getString("kind") == null ? ReportKind.MISUSE : ReportKind.valueOf(doc.getString("kind")),
                doc.getString("sentBy"), doc.getString("sentByRole"));
    }

    private static List<Long> longs(Document doc, String field) {
        return doc.getList(field, Number.class, List.of()).stream().map(Number::longValue).toList();
    }

    private static Instant instant(Document doc, String field) {
        Date date = doc.getDate(field);
        return date == null ? null : date.toInstant();
    }

    private static String actor(AccessContext ctx) {
        return ctx.subject() != null ? ctx.subject() : ctx.clientId();
    }

    private Instant now() {
        return vault.now();
    }

    private byte[] dataKey(String recordId) {
        // A record whose key is gone is being destroyed: it no longer exists for anyone, nor do its reports.
        return vault.dataKey(recordId);
    }

    private static final Comparator<MisuseReport> NEWEST_FIRST =
            Comparator.comparing(MisuseReport::createdAt).reversed().thenComparing(MisuseReport::id);
}
