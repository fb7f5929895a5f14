package edu.studentrecords.store.internal.mongo;

import com.fasterxml.jackson.core.JsonProcessingException;
import edu.studentrecords.store.internal.crypto.Aead;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Seals what a correction request holds with its record's data key (AES-256-GCM), bound to the request and the
 * record, so that destroying the record's key also makes its correction requests unreadable. Thread-safe.
 */
public final class CorrectionSeal {

    private CorrectionSeal() {
    }

    /** The request's content, sealed. */
    public static byte[] sealContent(byte[] dataKey, String correctionId, String recordId, CorrectionContent content) {
        try {
            return Aead.seal(dataKey, RecordJson.mapper().writeValueAsBytes(content), ad("content", correctionId, recordId));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a correction request cannot be serialised", e);
        }
    }

    public static CorrectionContent openContent(byte[] dataKey, String correctionId, String recordId, byte[] sealed) {
        try {
            return RecordJson.mapper().readValue(Aead.open(dataKey, sealed, ad("content", correctionId, recordId)),
                    CorrectionContent.class);
        } catch (IOException e) {
            throw new IllegalStateException("a stored correction request is not readable", e);
        }
    }

    /** The reviewer's note or reason, sealed. */
    public static byte[] sealNote(byte[] dataKey, String correctionId, String recordId, String note) {
        return Aead.seal(dataKey, note.getBytes(StandardCharsets.UTF_8), ad("decision", correctionId, recordId));
    }

    public static String openNote(byte[] dataKey, String correctionId, String recordId, byte[] sealed) {
        return new String(Aead.open(dataKey, sealed, ad("decision", correctionId, recordId)), StandardCharsets.UTF_8);
    }

    private static byte[] ad(String part, String correctionId, String recordId) {
        return ("correction|" + part + "|" + correctionId + "|" + recordId).getBytes(StandardCharsets.UTF_8);
    }
}
