package edu.studentrecords.store.incidents;

import java.time.Instant;

/**
 * One remediation step on an incident's timeline.
 *
 * @param at   when it was recorded
 * @param by   the Keycloak user who recorded it
 * @param text what was done
 */
public record IncidentAction(Instant at, String by, String text) {
}
