package edu.studentrecords.embedded;

/**
 * The store cannot start for a reason the operator can fix; the message says which, without a stack trace.
 */
final class StartRefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    StartRefusedException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    /** The process exit status that reports this refusal. */
    int exitCode() {
        return exitCode;
    }
}
