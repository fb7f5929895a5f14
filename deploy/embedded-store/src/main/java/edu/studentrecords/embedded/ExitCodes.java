package edu.studentrecords.embedded;

/** Exit statuses of the launcher, so that a run script can tell the causes apart. */
final class ExitCodes {

    /** Could not start for another reason, for example an unreadable store file. */
    static final int START_FAILED = 1;
    /** The command line is wrong; the usage text was printed. */
    static final int USAGE = 2;
    /** The data folder belongs to another running store. */
    static final int DATA_FOLDER_IN_USE = 3;
    /** The port is taken by another process. */
    static final int PORT_IN_USE = 4;

    private ExitCodes() {
    }
}
