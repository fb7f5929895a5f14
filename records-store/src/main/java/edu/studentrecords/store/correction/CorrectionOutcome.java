package edu.studentrecords.store.correction;

/**
 * How a correction request was decided, as the student may read it.
 *
 * @param decision      {@link CorrectionStatus#APPROVED} or {@link CorrectionStatus#REJECTED}
 * @param reason        the reviewer's note or reason for rejecting, or {@code null}
 * @param recordVersion the record's version that carries the correction when approved, else {@code null}
 */
public record CorrectionOutcome(CorrectionStatus decision, String reason, Long recordVersion) {

    @Override
    public String toString() {
        return "CorrectionOutcome[" + decision + ", version=" + recordVersion + "]";
    }
}
