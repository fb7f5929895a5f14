package edu.studentrecords.store.reports;

/** Where a misuse report stands: {@code OPEN -> TRIAGED -> RESOLVED}, or straight from open to resolved. */
public enum ReportStatus {
    /** Sent by the student, not yet looked at by the information management centre. */
    OPEN,
    /** An administrator weighed it: severity, who handles it, which audit entries it concerns. */
    TRIAGED,
    /** Dealt with; the outcome says how. Final. */
    RESOLVED
}
