package edu.studentrecords.store.audit;

/** An audit entry could not be stored, so the access it records must not be served. */
public final class AuditUnavailableException extends RuntimeException {

    public AuditUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
