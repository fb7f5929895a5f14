package edu.studentrecords.store.incidents;

import edu.studentrecords.store.model.FieldGroup;
import java.time.Instant;
import java.util.Set;

/**
 * What an incident concerns: the calls of a client, of a user, or of a user through a client, made in
 * {@code [from, to)}, and optionally only some field groups (empty: all).
 *
 * @param clientId the client whose calls count, or null
 * @param userId   the Keycloak user whose calls count, or null
 * @param from     the window's start, included
 * @param to       the window's end, excluded
 * @param groups   the field groups that count; empty for all
 */
public record IncidentScope(String clientId, String userId, Instant from, Instant to, Set<FieldGroup> groups) {

    public IncidentScope {
        groups = groups == null ? Set.of() : Set.copyOf(groups);
    }
}
