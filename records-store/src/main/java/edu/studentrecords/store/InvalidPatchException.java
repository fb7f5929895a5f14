package edu.studentrecords.store;

/** A change request that is not a JSON merge patch of a record (not JSON, not an object). Nothing was written. */
public final class InvalidPatchException extends RecordStoreException {

    private static final long serialVersionUID = 1L;

    public InvalidPatchException(String message) {
        super(message);
    }
}
