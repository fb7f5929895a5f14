package edu.studentrecords.store.internal.incidents;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.StoreException.Subject;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.Duty;
import edu.studentrecords.store.audit.AuditOperation;
import edu.studentrecords.store.audit.AuditReason;
import edu.studentrecords.store.audit.AuditTrail;
import edu.studentrecords.store.incidents.Affected;
import edu.studentrecords.store.incidents.Incident;
import edu.studentrecords.store.incidents.IncidentNotice;
import edu.studentrecords.store.incidents.IncidentRequest;
import edu.studentrecords.store.incidents.Incidents;
import edu.studentrecords.store.incidents.NotificationContent;
import edu.studentrecords.store.incidents.StudentToNotify;
import edu.studentrecords.store.internal.gate.NoticeGate;
import edu.studentrecords.store.internal.gate.Pass;
import edu.studentrecords.store.internal.gate.RecordGate;
import edu.studentrecords.store.internal.gate.RecordLookup;
import edu.studentrecords.store.internal.mongo.RecordHeader;
import edu.studentrecords.store.model.FieldGroup;
import edu.studentrecords.store.validation.FieldError;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.bson.Document;

/**
 * The incidents, one document each (single-document writes: a step is pushed onto its timeline, the notification is
 * set once, by a write conditional on there being none, and its counts are incremented). The records an incident's
 * scope reached are worked out once, when it is opened, and kept with it. Thread-safe.
 */
public final class IncidentBook implements Incidents {

    private static final List<Duty> READERS = List.of(Duty.HANDLE_INCIDENTS, Duty.SUPERVISE);

    private final MongoCollection<Document> incidents;
    private final RecordGate gate;
    private final NoticeGate duties;
    private final RecordLookup lookup;
    private final AffectedScan scan;
    private final Clock clock;

    public IncidentBook(MongoCollection<Document> incidents, RecordGate gate, NoticeGate duties, RecordLookup lookup,
            AuditTrail trail, Clock clock) {
        this.incidents = incidents;
        this.gate = gate;
        this.duties = duties;
        this.lookup = lookup;
        this.scan = new AffectedScan(trail);
        this.clock = clock;
        // A student's notices and export find the incidents that affected the record; MongoDB serves it by this index.
        incidents.createIndex(Indexes.ascending(IncidentDocument.AFFECTED_RECORDS));
    }

    @Override
    public Incident open(AccessContext ctx, IncidentRequest request) {
        Pass pass = gate.duty(ctx, Duty.HANDLE_INCIDENTS, AuditOperation.INCIDENT_CREATE, null);
        Instant now = clock.instant();
        List<FieldError> errors = IncidentRules.check(request, now);
        if (!errors.isEmpty()) {
            throw pass.invalid(null, AuditReason.INVALID_REQUEST, StoreException.invalid(Subject.INCIDENT, errors));
        }
        Map<String, Set<FieldGroup>> reached = scan.reached(request.scope());
        List<Document> affected = new ArrayList<>();
        reached.forEach((record, groups) -> affected.add(new Document(IncidentDocument.RECORD, record)
                .append(IncidentDocument.UNIT, lookup.header(record).map(RecordHeader::unit)
                        .orElse(IncidentDocument.DESTROYED))
                .append(IncidentDocument.GROUPS, IncidentDocument.names(groups))));
        Document doc = IncidentDocument.of(UUID.randomUUID().toString(), request, now, ctx.subject(), affected);
        incidents.insertOne(doc);
        pass.allow(null);
        return IncidentDocument.incident(doc);
    }

    @Override
    public List<Incident> list(AccessContext ctx) {
        Pass pass = duties.firstDuty(ctx, AuditOperation.INCIDENT_LIST, READERS).pass();
        List<Incident> found = new ArrayList<>();
        incidents.find().sort(Sorts.descending(IncidentDocument.OPENED_AT)).limit(1000)
                .forEach(doc -> found.add(IncidentDocument.incident(doc)));
        pass.allow(null);
        return found;
    }

    @Override
    public Incident get(AccessContext ctx, String incidentId) {
        Pass pass = duties.firstDuty(ctx, AuditOperation.INCIDENT_READ, READERS).pass();
        Document doc = find(pass, incidentId);
        pass.allow(null);
        return IncidentDocument.incident(doc);
    }

    @Override
    public Affected affected(AccessContext ctx, String incidentId) {
        NoticeGate.DutyPass let = duties.firstDuty(ctx, AuditOperation.INCIDENT_AFFECTED, READERS);
        Document doc = find(let.pass(), incidentId);
        boolean withIds = let.duty() == Duty.HANDLE_INCIDENTS;
        Affected affected = summary(doc, withIds);
        if (withIds) {
            let.pass().allowListing(affected.recordIds());
        } else {
            let.pass().allow(null);
        }
        return affected;
    }

    @Override
    public Incident addAction(AccessContext ctx, String incidentId, String text) {
        Pass pass = gate.duty(ctx, Duty.HANDLE_INCIDENTS, AuditOperation.INCIDENT_ACTION, null);
        find(pass, incidentId);
        Optional<FieldError> bad = IncidentRules.action(text);
        if (bad.isPresent()) {
            throw pass.invalid(null, AuditReason.INVALID_REQUEST, StoreException.invalid(Subject.INCIDENT, bad.get()));
        }
        incidents.updateOne(Filters.eq(IncidentDocument.ID, incidentId), Updates.push(IncidentDocument.ACTIONS,
                IncidentDocument.action(clock.instant(), ctx.subject(), text)));
        pass.allow(null);
        return IncidentDocument.incident(incidents.find(Filters.eq(IncidentDocument.ID, incidentId)).first());
    }

    @Override
    public Started startNotification(AccessContext ctx, String incidentId, NotificationContent content) {
        Pass pass = gate.duty(ctx, Duty.HANDLE_INCIDENTS, AuditOperation.INCIDENT_NOTIFY, null);
        Document doc = find(pass, incidentId);
        List<FieldError> errors = IncidentRules.check(content);
        if (!errors.isEmpty()) {
            throw pass.invalid(null, AuditReason.INVALID_REQUEST, StoreException.invalid(Subject.INCIDENT, errors));
        }
        List<StudentToNotify> students = new ArrayList<>();
        for (Document one : IncidentDocument.affected(doc)) {
            String record = one.getString(IncidentDocument.RECORD);
            lookup.header(record).map(RecordHeader::ownerSubject).ifPresent(owner -> students.add(
                    new StudentToNotify(record, owner, IncidentDocument.groups(one))));
        }
        boolean started = incidents.updateOne(Filters.and(Filters.eq(IncidentDocument.ID, incidentId),
                Filters.eq(IncidentDocument.NOTIFICATION, null)), Updates.set(IncidentDocument.NOTIFICATION,
                IncidentDocument.notification(clock.instant(), ctx.subject(), content, students))).getModifiedCount() == 1;
        if (!started) {
            throw pass.invalid(null, AuditReason.CONFLICT, StoreException.conflict(Subject.INCIDENT, "NOTIFIED"));
        }
        pass.allowListing(students.stream().map(StudentToNotify::recordId).toList());
        return new Started(IncidentDocument.incident(incidents.find(Filters.eq(IncidentDocument.ID, incidentId)).first()),
                students);
    }

    @Override
    public void notified(String incidentId, boolean sent) {
        incidents.updateOne(Filters.eq(IncidentDocument.ID, incidentId), Updates.inc(
                IncidentDocument.NOTIFICATION + "." + (sent ? IncidentDocument.SENT : IncidentDocument.FAILED), 1));
    }

    @Override
    public IncidentReport report(AccessContext ctx, String incidentId) {
        Pass pass = duties.firstDuty(ctx, AuditOperation.INCIDENT_REPORT, READERS).pass();
        Document doc = find(pass, incidentId);
        pass.allow(null);
        return new IncidentReport(IncidentDocument.incident(doc), summary(doc, false));
    }

    /** The notified incidents that concern {@code recordId}, newest first, as its student reads them. */
    public List<IncidentNotice> noticesOf(String recordId) {
        List<IncidentNotice> found = new ArrayList<>();
        incidents.find(Filters.and(Filters.eq(IncidentDocument.AFFECTED_RECORDS, recordId),
                        Filters.ne(IncidentDocument.NOTIFICATION, null)))
                .sort(Sorts.descending(IncidentDocument.OPENED_AT))
                .forEach(doc -> IncidentDocument.noticeFor(doc, recordId).ifPresent(found::add));
        return found;
    }

    private Document find(Pass pass, String incidentId) {
        Document doc = incidentId == null ? null : incidents.find(Filters.eq(IncidentDocument.ID, incidentId)).first();
        if (doc == null) {
            throw pass.deny(null, AuditReason.INCIDENT_NOT_FOUND, StoreException.notFound(Subject.INCIDENT));
        }
        return doc;
    }

    private static Affected summary(Document doc, boolean withIds) {
        Map<String, Integer> byUnit = new TreeMap<>();
        Map<String, Integer> byGroup = new TreeMap<>();
        List<String> ids = new ArrayList<>();
        for (Document one : IncidentDocument.affected(doc)) {
            byUnit.merge(one.getString(IncidentDocument.UNIT), 1, Integer::sum);
            IncidentDocument.groups(one).forEach(g -> byGroup.merge(g.jsonName(), 1, Integer::sum));
            ids.add(one.getString(IncidentDocument.RECORD));
        }
        return new Affected(ids.size(), byUnit, byGroup, withIds ? List.copyOf(ids) : null);
    }
}
