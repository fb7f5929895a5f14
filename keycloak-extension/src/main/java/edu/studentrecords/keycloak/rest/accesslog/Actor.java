package edu.studentrecords.keycloak.rest.accesslog;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Who acted in one access-log entry, as far as the student may know it (the same as {@code GET /me/grants} tells):
 * the reader, the student (when a guardian reads a child's log), one of the linked guardians (username and
 * relationship), a person of the school by role and by how their unit stands to the student's (never a name or
 * username), or an application acting for itself. Every entry also names the application by its display name.
 *
 * @param kind         who it was
 * @param role         for {@code STAFF}: the person's product role ({@code records-admin}, {@code records-supervisor},
 *                     {@code records-staff}), null for a person without one
 * @param unit         for {@code STAFF}: {@code OWN} when one of the person's units is the student's own unit,
 *                     {@code ABOVE} when it holds it, null otherwise (an administrator reaches every unit)
 * @param unitPath     for {@code STAFF} with a {@code unit}: that unit's path
 * @param username     for {@code GUARDIAN}: the guardian account's username, as {@code GET /me/grants} shows it
 * @param relationship for {@code GUARDIAN}: the relationship of the linked guardian entry
 * @param clientName   the application's display name ({@code ${key}} for a name the console translates), or its id
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Actor(Kind kind, String role, String unit, String unitPath, String username, String relationship,
        String clientName) {

    /** Who acted, relative to the reader of the log. */
    public enum Kind {
        /** The reader themself: the student in their own log, the guardian in a child's. */
        YOU,
        /** The student, in the log a guardian reads of their child (never in the student's own log). */
        STUDENT,
        /** A guardian account linked to the record. */
        GUARDIAN,
        /** A person of the school's records by product role: staff, administrators, supervisors. */
        STAFF,
        /**
         * Any other person, holding no product role: another student, a guardian of another child, someone signed in to
         * an application. What they tried on the record is theirs, never staff's.
         */
        PERSON,
        /** An application acting for itself (no person). */
        APPLICATION;

        /** The kinds the student's own log names. */
        public static final Set<Kind> OWN_LOG = Collections.unmodifiableSet(EnumSet.of(YOU, GUARDIAN, STAFF,
                PERSON, APPLICATION));

        /** The kinds a guardian's view of a child's log names. */
        public static final Set<Kind> CHILD_LOG = Collections.unmodifiableSet(EnumSet.allOf(Kind.class));
    }
}
