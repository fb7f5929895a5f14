package edu.studentrecords.store;

/** No correction request has this id (or its record, and with it the request's sealed values, is gone). */
public final class CorrectionNotFoundException extends RecordStoreException {

    private static final long serialVersionUID = 1L;

    public CorrectionNotFoundException() {
        super("no such correction request");
    }
}
