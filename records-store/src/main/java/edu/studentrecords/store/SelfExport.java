package edu.studentrecords.store;

import edu.studentrecords.store.audit.AuditEntry;
import edu.studentrecords.store.consent.ConsentState;
import edu.studentrecords.store.correction.CorrectionRequest;
import edu.studentrecords.store.notices.OwnNotices;
import edu.studentrecords.store.reports.MisuseReport;
import java.util.List;

/**
 * Everything held about a student, for their own download: the record, its whole access history (newest first, the
 * export itself included), the correction requests about it, the reports and questions sent about it, the consents
 * given or withdrawn for it and the notices that concerned it.
 *
 * @param record      the record, every group
 * @param accessLog   every audit entry about the record
 * @param corrections every correction request about the record, newest first
 * @param reports     every misuse report and question about the record, newest first
 * @param consents    the consent of each purpose asked for, with its history
 * @param notices     the incidents that concerned the record and whom its changes were told to
 */
public record SelfExport(RecordView record, List<AuditEntry> accessLog, List<CorrectionRequest> corrections,
        List<MisuseReport> reports, List<ConsentState> consents, OwnNotices notices) {

    public SelfExport {
        accessLog = List.copyOf(accessLog);
        corrections = List.copyOf(corrections);
        reports = List.copyOf(reports);
        consents = List.copyOf(consents);
    }

    @Override
    public String toString() {
        return "SelfExport[record=" + record.id() + ", entries=" + accessLog.size() + "]";
    }
}
