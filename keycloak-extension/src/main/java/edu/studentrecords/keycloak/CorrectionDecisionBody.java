package edu.studentrecords.keycloak;

/**
 * The body of {@code POST /corrections/{id}/approve} ({@code note}, optional) and {@code .../reject}
 * ({@code reason}, required).
 */
record CorrectionDecisionBody(String note, String reason) {

    @Override
    public String toString() {
        return "CorrectionDecisionBody[<hidden>]";
    }
}
