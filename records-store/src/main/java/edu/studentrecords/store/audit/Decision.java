package edu.studentrecords.store.audit;

/** The outcome of one access decision, as recorded in the audit trail. */
public enum Decision {
    /** The request was allowed, possibly for fewer field groups than asked. */
    ALLOW,
    /** The request was refused. */
    DENY
}
