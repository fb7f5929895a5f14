package edu.studentrecords.store.model;

/** Where the student stands with the school. Leaving statuses start the record's retention clock. */
public enum EnrolmentStatus {
    ENROLLED,
    SUSPENDED,
    GRADUATED,
    WITHDRAWN,
    TRANSFERRED;

    /** Whether the student has left the school. */
    public boolean hasLeft() {
        return this == GRADUATED || this == WITHDRAWN || this == TRANSFERRED;
    }
}
