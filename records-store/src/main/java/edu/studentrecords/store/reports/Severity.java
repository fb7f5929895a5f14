package edu.studentrecords.store.reports;

/** How serious the centre judges a misuse report at triage. */
public enum Severity {
    LOW,
    MEDIUM,
    HIGH
}
