package edu.studentrecords.store.model;

/** Gender as recorded at enrolment; the resident ID number's sex digit must agree with it. */
public enum Gender {
    MALE,
    FEMALE
}
