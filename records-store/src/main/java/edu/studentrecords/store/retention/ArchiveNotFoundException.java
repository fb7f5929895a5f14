package edu.studentrecords.store.retention;

import edu.studentrecords.store.RecordStoreException;

/** The record exists but has no archive (yet). */
public final class ArchiveNotFoundException extends RecordStoreException {
    private static final long serialVersionUID = 1L;

    public ArchiveNotFoundException() {
        super("the record has no archive");
    }
}
