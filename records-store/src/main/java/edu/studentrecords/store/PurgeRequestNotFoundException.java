package edu.studentrecords.store;

/** No purge request has this id, or the caller may not know of the record it names. Answered as HTTP 404. */
public final class PurgeRequestNotFoundException extends RecordStoreException {

    private static final long serialVersionUID = 1L;

    public PurgeRequestNotFoundException() {
        super("purge request not found");
    }
}
