package edu.studentrecords.store.reports;

import edu.studentrecords.store.RecordStoreException;

/** No misuse report has this id (or its record, and with it the report's sealed text, is gone). */
public final class ReportNotFoundException extends RecordStoreException {

    private static final long serialVersionUID = 1L;

    public ReportNotFoundException() {
        super("no such misuse report");
    }
}
