package edu.studentrecords.keycloak.rest.representation;

import edu.studentrecords.store.correction.CorrectionOutcome;
import edu.studentrecords.store.correction.CorrectionRequest;
import edu.studentrecords.store.model.FieldGroup;
import java.time.Instant;
import java.util.List;

/**
 * A correction request as the student sees it: {@code {"id","status","groups","reason","requestedAt","decidedAt",
 * "outcome"}}, {@code decidedAt} and {@code outcome} null while pending. No values of the record.
 */
public record CorrectionRepresentation(String id, String status, List<String> groups, String reason,
        Instant requestedAt, Instant decidedAt, Outcome outcome) {

    /** How it was decided: the decision, the reviewer's note or reason, and the record version that carries it. */
    public record Outcome(String decision, String reason, Long recordVersion) {
    }

    public static CorrectionRepresentation of(CorrectionRequest request) {
        CorrectionOutcome outcome = request.outcome();
        return new CorrectionRepresentation(request.id(), request.status().name(),
                FieldGroup.ALL.stream().filter(request.groups()::contains).map(FieldGroup::jsonName).toList(),
                request.reason(), request.requestedAt(), request.decidedAt(),
                outcome == null ? null : new Outcome(outcome.decision().name(), outcome.reason(), outcome.recordVersion()));
    }

    @Override
    public String toString() {
        return "CorrectionRepresentation[id=" + id + ", status=" + status + "]";
    }
}
