package edu.studentrecords.keycloak.rest.representation;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of {@code POST /me/corrections}: a JSON merge patch of the record limited to {@code profile} and
 * {@code identity}, and the student's reason.
 */
public record CorrectionRequestRepresentation(JsonNode changes, String reason) {

    /** The patch as text for the store; {@code null} when absent, which the store refuses as no patch. */
    public String changesText() {
        return changes == null || changes.isNull() ? "null" : changes.toString();
    }

    @Override
    public String toString() {
        return "CorrectionRequestRepresentation[<hidden>]";
    }
}
