package edu.studentrecords.store.consent;

/** Where a student's consent for one purpose stands. */
public enum ConsentStatus {
    /** Given, and not withdrawn since. */
    GIVEN,
    /** Given once, withdrawn since. */
    WITHDRAWN,
    /** Never given. */
    NONE
}
