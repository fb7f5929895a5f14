package edu.studentrecords.store;

/**
 * An approval was refused because the approver is the person who asked: what needs two administrators needs two
 * different ones. Answered as HTTP 403.
 */
public final class FourEyesException extends RecordStoreException {

    private static final long serialVersionUID = 1L;

    public FourEyesException() {
        super("the approver must not be the requester");
    }
}
