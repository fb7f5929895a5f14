package edu.studentrecords.store.incidents;

import java.time.Instant;

/**
 * An incident as the centre opens it.
 *
 * @param title        a short title, at most 200 characters
 * @param description  what happened, at most 4000 characters
 * @param discoveredAt when it was discovered (the clock runs from then); not in the future
 * @param scope        what it concerns
 */
public record IncidentRequest(String title, String description, Instant discoveredAt, IncidentScope scope) {
}
