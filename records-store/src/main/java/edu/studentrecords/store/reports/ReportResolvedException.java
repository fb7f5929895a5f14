package edu.studentrecords.store.reports;

import edu.studentrecords.store.RecordStoreException;

/** A misuse report was already resolved (possibly just now, by someone else): nothing changed. */
public final class ReportResolvedException extends RecordStoreException {

    private static final long serialVersionUID = 1L;

    public ReportResolvedException() {
        super("the misuse report was already resolved");
    }
}
