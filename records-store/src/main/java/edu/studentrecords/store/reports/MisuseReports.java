package edu.studentrecords.store.reports;

import edu.studentrecords.store.AccessDeniedException;
import edu.studentrecords.store.InvalidRecordException;
import edu.studentrecords.store.RecordNotFoundException;
import edu.studentrecords.store.access.AccessContext;
import java.util.List;

/**
 * Misuse reports of students about their own records. Every call is decided as self service on the caller's own
 * record and audited once, before anything is written or returned. Thread-safe.
 */
public interface MisuseReports {

    /** The audit code of a student sending a misuse report. */
    String REPORT_MISUSE = "REPORT_MISUSE";
    /** The audit code of a student reading their own misuse reports. */
    String READ_REPORTS = "READ_REPORTS";
    /** The longest message accepted, in characters. */
    int MAX_MESSAGE = 4000;
    /** The most audit entries one report may name. */
    int MAX_ENTRIES = 100;

    /**
     * Sends a report about the caller's own record.
     *
     * @param message      what happened, not blank, at most {@link #MAX_MESSAGE} characters
     * @param auditEntries sequence numbers of entries on the caller's own record (possibly none)
     * @return the stored report, {@link ReportStatus#OPEN}
     * @throws RecordNotFoundException when the caller has no record
     * @throws AccessDeniedException   when the caller may not use self service
     * @throws InvalidRecordException  when the message is missing or too long, or an entry is not on the caller's
     *                                 own record; nothing is stored
     */
    MisuseReport report(AccessContext ctx, String message, List<Long> auditEntries);

    /**
     * The caller's own reports, newest first.
     *
     * @throws RecordNotFoundException when the caller has no record
     * @throws AccessDeniedException   when the caller may not use self service
     */
    List<MisuseReport> ownReports(AccessContext ctx);
}
