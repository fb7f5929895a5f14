package edu.studentrecords.keycloak.rest.representation;

import edu.studentrecords.store.model.Contact;
import edu.studentrecords.store.model.Guardian;
import edu.studentrecords.store.model.Identity;
import edu.studentrecords.store.model.Profile;
import edu.studentrecords.store.model.StudentRecord;
import java.util.List;

/**
 * The body of {@code POST /records}: the four groups, and optionally the Keycloak user id to link the record to.
 */
public record EnrolmentRepresentation(
        Profile profile,
        Identity identity,
        Contact contact,
        List<Guardian> guardians,
        String ownerSubject) {

    public StudentRecord content() {
        return new StudentRecord(profile, identity, contact, guardians);
    }

    @Override
    public String toString() {
        return "EnrolmentRepresentation[<hidden>]";
    }
}
