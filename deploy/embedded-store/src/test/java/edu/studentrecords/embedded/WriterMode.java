package edu.studentrecords.embedded;

/** What {@link AcknowledgedWriter} does. */
enum WriterMode {
    INSERT("insert"), UPDATE("update"), FIND_AND_MODIFY("findAndModify");

    private final String argument;

    WriterMode(String argument) {
        this.argument = argument;
    }

    /** The writer's command-line argument for this mode. */
    String argument() {
        return argument;
    }
}
