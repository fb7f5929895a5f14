package edu.studentrecords.store.access;

/** What a request does to student records. */
public enum Operation {
    /** Read one record (or the caller's own, through self service). */
    READ(true),
    /** Change field groups of one record. */
    UPDATE(true),
    /** Enrol a new student; there is no existing record to look at. */
    CREATE(false),
    /** Search over records; each hit is one record. */
    SEARCH(false),
    /** Hand out everything held about one record, machine-readable. */
    EXPORT(true),
    /** Destroy one record. */
    PURGE(true);

    private final boolean needsRecord;

    Operation(boolean needsRecord) {
        this.needsRecord = needsRecord;
    }

    /**
     * Whether the operation acts on one existing record, so that a decision about it needs an
     * {@link AccessTarget}. For {@link #SEARCH} a target is optional (one hit); for {@link #CREATE} it is
     * not used.
     */
    public boolean needsRecord() {
        return needsRecord;
    }
}
