package edu.studentrecords.store;

import edu.studentrecords.store.audit.AuditEntry;
import edu.studentrecords.store.guardians.GuardianLink;
import java.util.List;

/**
 * The whole access log of one record between two instants, with what tells the reader who each person in it was to
 * the student: the record's unit (staff of it or of a unit above it) and the guardian accounts linked to it.
 *
 * @param recordId  the record
 * @param unit      its unit, or null
 * @param student   the subject of the student's own account, or null for a record without one
 * @param guardians the approved guardian links of the record
 * @param entries   the entries, newest first
 */
public record OwnAccessLog(String recordId, String unit, String student, List<GuardianLink> guardians,
        List<AuditEntry> entries) {

    public OwnAccessLog {
        guardians = List.copyOf(guardians);
        entries = List.copyOf(entries);
    }

    @Override
    public String toString() {
        return "OwnAccessLog[record=" + recordId + ", entries=" + entries.size() + "]";
    }
}
