package edu.studentrecords.store;

/** The base of every exception the store throws on purpose. Messages never hold personal data. */
public class RecordStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RecordStoreException(String message) {
        super(message);
    }
}
