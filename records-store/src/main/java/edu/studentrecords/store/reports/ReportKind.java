package edu.studentrecords.store.reports;

/** What a report to the centre is: a report of misuse (rule 8.2) or a question or opinion (rule 9). */
public enum ReportKind {
    /** Information was misused. */
    MISUSE,
    /** A question or an opinion about how the school manages information. */
    QUESTION
}
