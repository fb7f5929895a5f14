package edu.studentrecords.store.retention;

import edu.studentrecords.store.RecordStoreException;

/** The legal hold was lifted already. */
public final class LegalHoldLiftedException extends RecordStoreException {
    private static final long serialVersionUID = 1L;

    public LegalHoldLiftedException() {
        super("the legal hold was lifted already");
    }
}
