package edu.studentrecords.store.enrolment;

import edu.studentrecords.store.RecordStoreException;

/** An enrolment file that cannot be read as a whole (no header, an unknown column, broken quoting): nothing was imported. */
public final class UnreadableFileException extends RecordStoreException {

    private static final long serialVersionUID = 1L;

    /** @param message says what is wrong by column names and row numbers, never by a value */
    public UnreadableFileException(String message) {
        super(message);
    }
}
