package edu.studentrecords.store.internal.reports;

import edu.studentrecords.store.internal.crypto.Aead;
import java.nio.charset.StandardCharsets;

/**
 * Seals a report's texts (the student's message, the centre's outcome) with the data key of the student's record,
 * bound to the report, the record and the text's role, so a sealed text cannot be moved to another report or field.
 */
final class ReportSeal {

    private ReportSeal() {
    }

    static byte[] sealMessage(byte[] key, String reportId, String recordId, String text) {
        return Aead.seal(key, text.getBytes(StandardCharsets.UTF_8), associatedData("misuse-report", reportId, recordId));
    }

    static String openMessage(byte[] key, String reportId, String recordId, byte[] sealed) {
        return new String(Aead.open(key, sealed, associatedData("misuse-report", reportId, recordId)), StandardCharsets.UTF_8);
    }

    static byte[] sealOutcome(byte[] key, String reportId, String recordId, String text) {
        return Aead.seal(key, text.getBytes(StandardCharsets.UTF_8),
                associatedData("misuse-report-outcome", reportId, recordId));
    }

    static String openOutcome(byte[] key, String reportId, String recordId, byte[] sealed) {
        return new String(Aead.open(key, sealed, associatedData("misuse-report-outcome", reportId, recordId)),
                StandardCharsets.UTF_8);
    }

    private static byte[] associatedData(String role, String reportId, String recordId) {
        return (role + "\u0000" + reportId + "\u0000" + recordId).getBytes(StandardCharsets.UTF_8);
    }
}
