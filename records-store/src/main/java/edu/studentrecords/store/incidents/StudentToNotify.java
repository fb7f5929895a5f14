package edu.studentrecords.store.incidents;

import edu.studentrecords.store.model.FieldGroup;
import java.util.Set;

/**
 * One student an incident's notification tells, and which of their data was concerned.
 *
 * @param recordId the student's record
 * @param userId   the Keycloak user the record is linked to
 * @param groups   the field groups of their record the scope reached
 */
public record StudentToNotify(String recordId, String userId, Set<FieldGroup> groups) {

    public StudentToNotify {
        groups = Set.copyOf(groups);
    }
}
