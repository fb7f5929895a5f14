package edu.studentrecords.store.correction;

/** Where a correction request stands. */
public enum CorrectionStatus {
    /** Waiting for an administrator. */
    PENDING,
    /** Applied to the record. */
    APPROVED,
    /** Refused, with a reason; the record was not changed. */
    REJECTED
}
