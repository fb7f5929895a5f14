package edu.studentrecords.store.reports;

/** Where a misuse report stands. */
public enum ReportStatus {
    /** Sent by the student, not yet dealt with by the information management centre. */
    OPEN,
    /** Dealt with; the outcome says how. */
    RESOLVED
}
