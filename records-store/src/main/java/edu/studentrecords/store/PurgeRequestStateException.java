package edu.studentrecords.store;

/**
 * A purge request cannot take this step in the state it is in (approving what is no longer pending, a second
 * request for a record that already has one). Answered as HTTP 409.
 */
public final class PurgeRequestStateException extends RecordStoreException {

    private static final long serialVersionUID = 1L;

    private final PurgeStatus status;

    public PurgeRequestStateException(PurgeStatus status) {
        super("the purge request is " + status);
        this.status = status;
    }

    /** The state the request (or the record's open request) is in. */
    public PurgeStatus status() {
        return status;
    }
}
