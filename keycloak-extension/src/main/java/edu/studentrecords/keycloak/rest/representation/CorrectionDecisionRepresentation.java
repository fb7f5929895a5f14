package edu.studentrecords.keycloak.rest.representation;

/**
 * The body of {@code POST /corrections/{id}/approve} ({@code note}, optional) and {@code .../reject}
 * ({@code reason}, required).
 */
public record CorrectionDecisionRepresentation(String note, String reason) {

    @Override
    public String toString() {
        return "CorrectionDecisionRepresentation[<hidden>]";
    }
}
