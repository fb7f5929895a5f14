package edu.studentrecords.embedded;

/** The command line cannot be understood; the message says what is wrong and is shown to the user. */
final class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
