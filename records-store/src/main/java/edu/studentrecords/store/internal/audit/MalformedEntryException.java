package edu.studentrecords.store.internal.audit;

/** A stored entry document does not have the shape the trail writes. */
final class MalformedEntryException extends Exception {

    MalformedEntryException(String message) {
        super(message);
    }
}
