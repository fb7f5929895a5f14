package edu.studentrecords.store.internal.reports;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import edu.studentrecords.store.InvalidRecordException;
import edu.studentrecords.store.OwnRecord;
import edu.studentrecords.store.RecordNotFoundException;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.audit.AuditEntry;
import edu.studentrecords.store.audit.AuditTrail;
import edu.studentrecords.store.internal.crypto.Aead;
import edu.studentrecords.store.reports.MisuseReport;
import edu.studentrecords.store.reports.MisuseReports;
import edu.studentrecords.store.reports.ReportStatus;
import edu.studentrecords.store.validation.FieldError;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * Misuse reports in their own collection, one document per report, each written by one insert. The message is
 * sealed with the data key of the student's record, so destroying the record makes its reports unreadable too.
 */
public final class MongoMisuseReports implements MisuseReports {

    private final OwnRecordGate gate;
    private final MongoCollection<Document> reports;
    private final AuditTrail audit;
    private final Function<String, Optional<byte[]>> dataKeys;
    private final Clock clock;

    public MongoMisuseReports(OwnRecordGate gate, MongoCollection<Document> reports, AuditTrail audit,
            Function<String, Optional<byte[]>> dataKeys, Clock clock) {
        this.gate = gate;
        this.reports = reports;
        this.audit = audit;
        this.dataKeys = dataKeys;
        this.clock = clock;
        // Used by MongoDB; the embedded engine ignores non-unique indexes and scans, which a student's few reports afford.
        reports.createIndex(Indexes.ascending("recordId"));
    }

    @Override
    public MisuseReport report(AccessContext ctx, String message, List<Long> auditEntries) {
        OwnRecord own = gate.decide(ctx, REPORT_MISUSE);
        List<Long> entries = auditEntries == null ? List.of() : List.copyOf(auditEntries);
        requireValid(own, message, entries);
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        byte[] sealed = Aead.seal(dataKey(own.id()), message.strip().getBytes(StandardCharsets.UTF_8),
                associatedData(id, own.id()));
        reports.insertOne(new Document("_id", id)
                .append("recordId", own.id())
                .append("status", ReportStatus.OPEN.name())
                .append("message", new Binary(sealed))
                .append("auditEntries", entries)
                .append("createdAt", Date.from(now))
                .append("outcome", null)
                .append("decidedAt", null));
        return new MisuseReport(id, own.id(), ReportStatus.OPEN, message.strip(), entries, now, null, null);
    }

    @Override
    public List<MisuseReport> ownReports(AccessContext ctx) {
        OwnRecord own = gate.decide(ctx, READ_REPORTS);
        byte[] key = dataKey(own.id());
        List<MisuseReport> found = new ArrayList<>();
        for (Document doc : reports.find(Filters.eq("recordId", own.id()))) {
            found.add(decode(doc, key));
        }
        found.sort(Comparator.comparing(MisuseReport::createdAt).reversed().thenComparing(MisuseReport::id));
        return found;
    }

    private void requireValid(OwnRecord own, String message, List<Long> entries) {
        List<FieldError> errors = new ArrayList<>();
        if (message == null || message.isBlank()) {
            errors.add(new FieldError("message", "required", "Say what happened."));
        } else if (message.strip().length() > MAX_MESSAGE) {
            errors.add(new FieldError("message", "size", "At most " + MAX_MESSAGE + " characters."));
        }
        if (entries.size() > MAX_ENTRIES) {
            errors.add(new FieldError("auditEntries", "size", "At most " + MAX_ENTRIES + " entries."));
        } else {
            for (int i = 0; i < entries.size(); i++) {
                if (!onRecord(entries.get(i), own.id())) {
                    errors.add(new FieldError("auditEntries[" + i + "]", "own-record",
                            "Not an entry of your record's access log."));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRecordException(errors);
        }
    }

    private boolean onRecord(Long sequence, String recordId) {
        if (sequence == null || sequence < 1) {
            return false;
        }
        List<AuditEntry> entry = audit.range(sequence, 1);
        return !entry.isEmpty() && recordId.equals(entry.get(0).recordId());
    }

    private MisuseReport decode(Document doc, byte[] key) {
        String id = doc.getString("_id");
        String recordId = doc.getString("recordId");
        String message = new String(Aead.open(key, doc.get("message", Binary.class).getData(),
                associatedData(id, recordId)), StandardCharsets.UTF_8);
        List<Long> entries = doc.getList("auditEntries", Number.class, List.of()).stream().map(Number::longValue).toList();
        Date decidedAt = doc.getDate("decidedAt");
        return new MisuseReport(id, recordId, ReportStatus.valueOf(doc.getString("status")), message, entries,
                doc.getDate("createdAt").toInstant(), doc.getString("outcome"),
                decidedAt == null ? null : decidedAt.toInstant());
    }

    private byte[] dataKey(String recordId) {
        // A record whose key is gone is being destroyed: it no longer exists for anyone, nor do its reports.
        return dataKeys.apply(recordId).orElseThrow(RecordNotFoundException::new);
    }

    /** Binds a sealed message to its report and record, so it cannot be moved to another report. */
    private static byte[] associatedData(String reportId, String recordId) {
        return ("misuse-report\u0000" + reportId + "\u0000" + recordId).getBytes(StandardCharsets.UTF_8);
    }
}
