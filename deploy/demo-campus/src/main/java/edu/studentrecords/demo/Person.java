package edu.studentrecords.demo;

import java.util.List;
import java.util.Objects;

/**
 * A generated member of the demo campus: a Keycloak user, and for a student the link to the record.
 *
 * @param id            the Keycloak user id, derived from the campus seed so records can be linked before import
 * @param username      the login name; in the demo the password equals it
 * @param firstName     given name
 * @param lastName      family name
 * @param legalName     the full name as the student record holds it (family name first for Chinese names)
 * @param email         an address under a reserved example domain
 * @param role          the realm role that decides what the person may do
 * @param units         the organisational units of staff (empty for students and the centre)
 * @param studentUnit   the class of a student, or {@code null} for everyone else
 * @param studentNumber the school's number of a student, or {@code null} for everyone else
 */
record Person(
        String id,
        String username,
        String firstName,
        String lastName,
        String legalName,
        String email,
        String role,
        List<String> units,
        String studentUnit,
        String studentNumber) {

    Person {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
        units = List.copyOf(units);
    }

    /** Whether the person has a student record. */
    boolean isStudent() {
        return studentNumber != null;
    }

    @Override
    public String toString() {
        return "Person[username=" + username + ", role=" + role + "]";
    }
}
