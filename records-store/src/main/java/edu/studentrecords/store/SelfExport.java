package edu.studentrecords.store;

import edu.studentrecords.store.audit.AuditEntry;
import java.util.List;

/**
 * Everything held about a student, for their own download: the record and its whole access history,
 * newest first (the export itself included).
 *
 * @param record    the record, every group
 * @param accessLog every audit entry about the record
 */
public record SelfExport(RecordView record, List<AuditEntry> accessLog) {

    public SelfExport {
        accessLog = List.copyOf(accessLog);
    }

    @Override
    public String toString() {
        return "SelfExport[record=" + record.id() + ", entries=" + accessLog.size() + "]";
    }
}
