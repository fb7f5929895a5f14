package edu.studentrecords.store.internal.reports;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import edu.studentrecords.store.InvalidRecordException;
import edu.studentrecords.store.OwnRecord;
import edu.studentrecords.store.RecordNotFoundException;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.AccessPolicy;
import edu.studentrecords.store.audit.AuditEntry;
import edu.studentrecords.store.audit.AuditTrail;
import edu.studentrecords.store.internal.mongo.DecisionRecorder;
import edu.studentrecords.store.reports.MisuseReport;
import edu.studentrecords.store.reports.MisuseReports;
import edu.studentrecords.store.reports.ReportNotFoundException;
import edu.studentrecords.store.reports.ReportResolvedException;
import edu.studentrecords.store.reports.ReportStatus;
import edu.studentrecords.store.reports.Severity;
import edu.studentrecords.store.reports.Triage;
import edu.studentrecords.store.validation.FieldError;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
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

    private final OwnRecordGate gate;
    private final MongoCollection<Document> reports;
    private final AuditTrail audit;
    private final Function<String, Optional<byte[]>> dataKeys;
    private final Function<String, Optional<String>> owners;
    private final ReportDesk desk;
    private final Clock clock;

    /**
     * @param owners the Keycloak user owning a record, by record id (no decision, no audit)
     */
    public MongoMisuseReports(OwnRecordGate gate, MongoCollection<Document> reports, AuditTrail audit,
            Function<String, Optional<byte[]>> dataKeys, Function<String, Optional<String>> owners,
            AccessPolicy policy, DecisionRecorder recorder, Clock clock) {
        this.gate = gate;
        this.reports = reports;
        this.audit = audit;
        this.dataKeys = dataKeys;
        this.owners = owners;
        this.desk = new ReportDesk(policy, recorder);
        this.clock = clock;
        // Used by MongoDB; the embedded engine ignores non-unique indexes and scans, which a student's few reports afford.
        reports.createIndex(Indexes.ascending(RECORD));
    }

    @Override
    public MisuseReport report(AccessContext ctx, String message, List<Long> auditEntries) {
        OwnRecord own = gate.decide(ctx, REPORT_MISUSE);
        List<Long> entries = auditEntries == null ? List.of() : new ArrayList<>(auditEntries);
        requireValid(own, message, entries);
        String id = UUID.randomUUID().toString();
        Instant now = now();
        byte[] sealed = ReportSeal.sealMessage(dataKey(own.id()), id, own.id(), message.strip());
        reports.insertOne(new Document("_id", id)
                .append(RECORD, own.id())
                .append(STATUS, ReportStatus.OPEN.name())
                .append("message", new Binary(sealed))
                .append("auditEntries", entries)
                .append("createdAt", Date.from(now))
                .append("outcome", null)
                .append("decidedAt", null));
        return MisuseReport.opened(id, own.id(), message.strip(), entries, now);
    }

    @Override
    public List<MisuseReport> ownReports(AccessContext ctx) {
        OwnRecord own = gate.decide(ctx, READ_REPORTS);
        byte[] key = dataKey(own.id());
        List<MisuseReport> found = new ArrayList<>();
        for (Document doc : reports.find(Filters.eq(RECORD, own.id()))) {
            found.add(decode(doc, key));
        }
        found.sort(NEWEST_FIRST);
        return found;
    }

    @Override
    public List<MisuseReport> list(AccessContext ctx, ReportStatus status) {
        desk.requireReviewer(ctx, LIST_REPORTS);
        Bson filter = status == null ? new Document() : Filters.eq(STATUS, status.name());
        List<MisuseReport> found = new ArrayList<>();
        for (Document doc : reports.find(filter)) {
            // A record being destroyed has no key any more: its reports are gone with it.
            dataKeys.apply(doc.getString(RECORD)).ifPresent(key -> found.add(decode(doc, key)));
        }
        found.sort(NEWEST_FIRST);
        desk.allowedListing(ctx, LIST_REPORTS,
                List.copyOf(new TreeSet<>(found.stream().map(MisuseReport::recordId).toList())));
        return found;
    }

    @Override
    public MisuseReport get(AccessContext ctx, String reportId) {
        desk.requireReviewer(ctx, READ_REPORT);
        return opened(ctx, READ_REPORT, reportId);
    }

    @Override
    public List<AuditEntry> entries(AccessContext ctx, String reportId) {
        desk.requireReviewer(ctx, READ_REPORT_ENTRIES);
        MisuseReport report = opened(ctx, READ_REPORT_ENTRIES, reportId);
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
        desk.requireHandler(ctx, TRIAGE_REPORT);
        MisuseReport report = opened(ctx, TRIAGE_REPORT, reportId);
        requireValid(report, triage, assignable);
        if (report.status() == ReportStatus.RESOLVED) {
            throw new ReportResolvedException();
        }
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
        desk.requireReviewer(ctx, RESOLVE_REPORT);
        MisuseReport report = opened(ctx, RESOLVE_REPORT, reportId);
        if (outcome == null || outcome.isBlank()) {
            throw new InvalidRecordException(List.of(new FieldError("outcome", "required", "Say how it was dealt with.")));
        }
        if (outcome.strip().length() > MAX_MESSAGE) {
            throw new InvalidRecordException(List.of(new FieldError("outcome", "size",
                    "At most " + MAX_MESSAGE + " characters.")));
        }
        if (report.status() == ReportStatus.RESOLVED) {
            throw new ReportResolvedException();
        }
        byte[] sealed = ReportSeal.sealOutcome(dataKey(report.recordId()), report.id(), report.recordId(), outcome.strip());
        return unresolvedUpdate(report, Updates.combine(
                Updates.set(STATUS, ReportStatus.RESOLVED.name()),
                Updates.set("outcome", new Binary(sealed)),
                Updates.set("decidedAt", Date.from(now())),
                Updates.set("decidedBy", actor(ctx))));
    }

    @Override
    public Optional<String> reporterSubject(MisuseReport report) {
        return owners.apply(report.recordId());
    }

    /**
     * The report a centre call names, decrypted; audits the allowed call under the report's record, or the miss
     * (no such report, or its record gone) before the 404.
     */
    private MisuseReport opened(AccessContext ctx, String auditCode, String reportId) {
        Document doc = reportId == null ? null : reports.find(Filters.eq("_id", reportId)).first();
        Optional<byte[]> key = doc == null ? Optional.empty() : dataKeys.apply(doc.getString(RECORD));
        if (key.isEmpty()) {
            desk.missing(ctx, auditCode, REPORT_NOT_FOUND);
            throw new ReportNotFoundException();
        }
        desk.allowedOn(ctx, auditCode, doc.getString(RECORD));
        return decode(doc, key.get());
    }

    /** Applies {@code change} only while the report is not resolved: a concurrent resolution wins, this one is a 409. */
    private MisuseReport unresolvedUpdate(MisuseReport report, Bson change) {
        Document updated = reports.findOneAndUpdate(
                Filters.and(Filters.eq("_id", report.id()), Filters.ne(STATUS, ReportStatus.RESOLVED.name())), change,
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        if (updated == null) {
            throw new ReportResolvedException();
        }
        return decode(updated, dataKey(report.recordId()));
    }

    private void requireValid(OwnRecord own, String message, List<Long> entries) {
        List<FieldError> errors = new ArrayList<>();
        if (message == null || message.isBlank()) {
            errors.add(new FieldError("message", "required", "Say what happened."));
        } else if (message.strip().length() > MAX_MESSAGE) {
            errors.add(new FieldError("message", "size", "At most " + MAX_MESSAGE + " characters."));
        }
        entryErrors("auditEntries", entries, own.id(), "Not an entry of your record's access log.", errors);
        if (!errors.isEmpty()) {
            throw new InvalidRecordException(errors);
        }
    }

    private void requireValid(MisuseReport report, Triage triage, Predicate<String> assignable) {
        List<FieldError> errors = new ArrayList<>();
        if (triage.severity() == null) {
            errors.add(new FieldError("severity", "required", "One of " + List.of(Severity.values()) + "."));
        }
        if (triage.assignee() != null && !triage.assignee().isBlank() && !assignable.test(triage.assignee().strip())) {
            errors.add(new FieldError("assignee", "centre-member",
                    "Not the username of an administrator or supervisor of this realm."));
        }
        entryErrors("linkedEntries", triage.linkedEntries(), report.recordId(),
                "Not an entry of the report's record.", errors);
        if (!errors.isEmpty()) {
            throw new InvalidRecordException(errors);
        }
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

    private boolean onRecord(Long sequence, String recordId) {
        if (sequence == null || sequence < 1) {
            return false;
        }
        List<AuditEntry> entry = audit.range(sequence, 1);
        return !entry.isEmpty() && recordId.equals(entry.get(0).recordId());
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
                doc.getString("triagedBy"), doc.getString("decidedBy"));
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
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private byte[] dataKey(String recordId) {
        // A record whose key is gone is being destroyed: it no longer exists for anyone, nor do its reports.
        return dataKeys.apply(recordId).orElseThrow(RecordNotFoundException::new);
    }

    private static final Comparator<MisuseReport> NEWEST_FIRST =
            Comparator.comparing(MisuseReport::createdAt).reversed().thenComparing(MisuseReport::id);
}
