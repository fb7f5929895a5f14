package edu.studentrecords.store.internal.notices;

import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.Operation;
import edu.studentrecords.store.audit.AuditOperation;
import edu.studentrecords.store.internal.gate.RecordGate;
import edu.studentrecords.store.internal.gate.RecordGate.AuditLabel;
import edu.studentrecords.store.internal.gate.RecordGate.Located;
import edu.studentrecords.store.internal.gate.RecordLookup;
import edu.studentrecords.store.internal.incidents.IncidentBook;
import edu.studentrecords.store.model.FieldGroup;
import edu.studentrecords.store.notices.OwnNotices;
import edu.studentrecords.store.notices.StudentNotices;
import java.util.Set;

/**
 * A student's notices, decided as a self-service read of their whole record (the notices tell who read which of its
 * groups) and audited without groups, since no record content is returned. Thread-safe.
 */
public final class GatedStudentNotices implements StudentNotices {

    private final RecordGate gate;
    private final RecordLookup lookup;
    private final NoticeBook notices;
    private final IncidentBook incidents;

    public GatedStudentNotices(RecordGate gate, RecordLookup lookup, NoticeBook notices, IncidentBook incidents) {
        this.gate = gate;
        this.lookup = lookup;
        this.notices = notices;
        this.incidents = incidents;
    }

    @Override
    public OwnNotices own(AccessContext ctx) {
        Located found = gate.locateOwn(ctx, Operation.READ, FieldGroup.ALL,
                new AuditLabel(AuditOperation.READ_NOTICES, Set.of()));
        return ofRecord(lookup.headerOf(found.doc()).id());
    }

    /** The notices that concerned the record, read without a decision: the caller has made it. */
    public OwnNotices ofRecord(String recordId) {
        return new OwnNotices(incidents.noticesOf(recordId), notices.aboutRecord(recordId));
    }
}
