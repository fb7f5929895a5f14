package edu.studentrecords.store;

/** A change was made against a version that is no longer current: nothing was written. */
public final class StaleVersionException extends RecordStoreException {

    private static final long serialVersionUID = 1L;

    private final long currentVersion;

    public StaleVersionException(long expectedVersion, long currentVersion) {
        super("record is at version " + currentVersion + ", not " + expectedVersion);
        this.currentVersion = currentVersion;
    }

    /** The record's version now. */
    public long currentVersion() {
        return currentVersion;
    }
}
