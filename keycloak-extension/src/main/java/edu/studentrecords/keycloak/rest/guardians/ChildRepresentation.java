package edu.studentrecords.keycloak.rest.guardians;

import edu.studentrecords.store.guardians.Child;
import java.util.List;

/**
 * A child in {@code GET /guardian/children}: {@code recordId, name, age, relationship, proxy} ({@code proxy} false, and
 * no name, once the child has turned 18).
 */
public record ChildRepresentation(String recordId, String name, int age, String relationship, boolean proxy) {

    public static ChildRepresentation of(Child child) {
        return new ChildRepresentation(child.recordId(), child.name(), child.age(),
                child.relationship() == null ? null : child.relationship().name(), child.proxy());
    }

    /** The answer of {@code GET /guardian/children}. */
    public record Listing(List<ChildRepresentation> children) {
    }

    @Override
    public String toString() {
        return "ChildRepresentation[recordId=" + recordId + ", proxy=" + proxy + "]";
    }
}
