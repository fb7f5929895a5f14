package edu.studentrecords.keycloak.mail;

import edu.studentrecords.store.correction.CorrectionRequest;
import edu.studentrecords.store.correction.CorrectionStatus;
import edu.studentrecords.store.model.FieldGroup;
import java.util.Map;
import org.keycloak.models.KeycloakSession;

/**
 * Tells a student that the centre approved or rejected their correction request (template
 * {@code student-records-correction-decided.ftl}): the outcome, when they asked and which parts of the record, never
 * the values nor the reviewer's note (the student reads the note in the account console, signed in).
 */
public final class CorrectionNotices {

    static final String TEMPLATE = "student-records-correction-decided.ftl";

    private CorrectionNotices() {
    }

    /** Mails the student whose record the request concerns once {@code session}'s transaction has committed. */
    public static void afterCommit(KeycloakSession session, String studentUserId, CorrectionRequest decided) {
        boolean approved = decided.status() == CorrectionStatus.APPROVED;
        Map<String, Object> attributes = Map.of(
                "approved", approved,
                "requestedAt", decided.requestedAt().toString(),
                // Message keys of the groups' names, so each language names them in its own words.
                "groupKeys", FieldGroup.ALL.stream().filter(decided.groups()::contains)
                        .map(g -> g == FieldGroup.PROFILE ? "studentRecordProfile" : "studentRecordIdentity").toList());
        new StudentMail(TEMPLATE, approved ? "studentRecordsCorrectionApprovedSubject"
                : "studentRecordsCorrectionRejectedSubject", attributes).afterCommit(session, studentUserId);
    }
}
