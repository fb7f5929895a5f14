package edu.studentrecords.store.access;

/**
 * Whether a student's consent for a purpose is given at the moment of the request: what a grant relying on consent is
 * decided on. Implementations look the consent up on every call; thread-safe.
 */
@FunctionalInterface
public interface ConsentCheck {

    /** No consent is given: the default, so that a grant relying on consent opens nothing unless told otherwise. */
    ConsentCheck NONE = (recordId, purpose) -> false;

    /** Whether the consent of the student of record {@code recordId} for {@code purpose} is given now. */
    boolean given(String recordId, String purpose);
}
