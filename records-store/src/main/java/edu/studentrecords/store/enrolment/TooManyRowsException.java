package edu.studentrecords.store.enrolment;

import edu.studentrecords.store.RecordStoreException;

/** An enrolment file with more rows than one import takes: nothing was imported. */
public final class TooManyRowsException extends RecordStoreException {

    private static final long serialVersionUID = 1L;

    private final int limit;

    public TooManyRowsException(int limit) {
        super("an import takes at most " + limit + " rows");
        this.limit = limit;
    }

    /** The most rows one import takes. */
    public int limit() {
        return limit;
    }
}
