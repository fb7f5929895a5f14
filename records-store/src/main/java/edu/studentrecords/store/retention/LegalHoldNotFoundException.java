package edu.studentrecords.store.retention;

import edu.studentrecords.store.RecordStoreException;

/** No legal hold has the id given. */
public final class LegalHoldNotFoundException extends RecordStoreException {
    private static final long serialVersionUID = 1L;

    public LegalHoldNotFoundException() {
        super("no such legal hold");
    }
}
