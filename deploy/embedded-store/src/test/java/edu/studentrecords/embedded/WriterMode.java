package edu.studentrecords.embedded;

/** What {@link AcknowledgedWriter} does; the name is its command-line argument. */
enum WriterMode {
    insert, update, findAndModify
}
