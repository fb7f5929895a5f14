package edu.studentrecords.store.model;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The four groups a student record's fields fall into. Access is granted per group: a token's scopes
 * name the groups it may read ({@code student.<group>.read}) and write ({@code student.<group>.write}).
 */
public enum FieldGroup {
    /** Student number, name, gender, enrolment status, organisational unit, enrolment and leaving dates. Stored in clear. */
    PROFILE("profile", false),
    /** Resident ID number, date of birth, native place. Encrypted at rest. */
    IDENTITY("identity", true),
    /** Mobile phone, email, home address. Encrypted at rest. */
    CONTACT("contact", true),
    /** Parents and guardians. Encrypted at rest. */
    GUARDIANS("guardians", true);

    /** Every group, in a fixed order. Unmodifiable. */
    public static final Set<FieldGroup> ALL = Collections.unmodifiableSet(EnumSet.allOf(FieldGroup.class));

    private final String jsonName;
    private final boolean sensitive;

    FieldGroup(String jsonName, boolean sensitive) {
        this.jsonName = jsonName;
        this.sensitive = sensitive;
    }

    /** The group's name in JSON bodies and in scope names, e.g. {@code contact}. */
    public String jsonName() {
        return jsonName;
    }

    /** Whether the group's fields are encrypted at rest. */
    public boolean sensitive() {
        return sensitive;
    }

    /** The OAuth scope that allows reading this group, e.g. {@code student.contact.read}. */
    public String readScope() {
        return "student." + jsonName + ".read";
    }

    /** The OAuth scope that allows writing this group, e.g. {@code student.contact.write}. */
    public String writeScope() {
        return "student." + jsonName + ".write";
    }

    /** The group with the given JSON name, if any. */
    public static Optional<FieldGroup> fromJsonName(String name) {
        return Arrays.stream(values()).filter(g -> g.jsonName.equals(name)).findFirst();
    }
}
