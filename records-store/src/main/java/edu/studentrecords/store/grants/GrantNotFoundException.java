package edu.studentrecords.store.grants;

import edu.studentrecords.store.RecordStoreException;

/** No grant has the given id. */
public final class GrantNotFoundException extends RecordStoreException {

    private static final long serialVersionUID = 1L;

    public GrantNotFoundException() {
        super("no such grant");
    }
}
