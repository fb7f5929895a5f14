package edu.studentrecords.store.internal.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import edu.studentrecords.store.audit.AuditEntry;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One entry as a line of JSON for exports and the log feed: identifiers, codes, times and hashes, in a fixed order;
 * never record contents (the trail holds none).
 */
final class EntryJson {

    static final ObjectMapper JSON = new ObjectMapper();

    private EntryJson() {
    }

    static Map<String, Object> fields(AuditEntry entry) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("sequence", entry.sequence());
        line.put("time", entry.time().toString());
        line.put("subject", entry.subject());
        line.put("clientId", entry.clientId());
        line.put("impersonator", entry.impersonator());
        line.put("purpose", entry.purpose());
        line.put("grantId", entry.grantId());
        line.put("recordId", entry.recordId());
        line.put("recordIds", entry.recordIds());
        line.put("groups", entry.groups().stream().map(Enum::name).sorted().toList());
        line.put("operation", entry.operation());
        line.put("decision", entry.decision().name());
        line.put("reason", entry.reason());
        line.put("outcome", entry.outcome().name());
        line.put("previousHash", entry.previousHash());
        line.put("hash", entry.hash());
        return line;
    }

    /** The entry's line, with its line feed. */
    static byte[] line(AuditEntry entry) {
        return line(fields(entry));
    }

    static byte[] line(Map<String, Object> fields) {
        return (write(fields) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
