package edu.studentrecords.store.model;

/** How a guardian is related to the student. */
public enum Relationship {
    FATHER,
    MOTHER,
    GRANDPARENT,
    LEGAL_GUARDIAN,
    OTHER
}
