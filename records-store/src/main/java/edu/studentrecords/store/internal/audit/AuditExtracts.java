package edu.studentrecords.store.internal.audit;

import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.audit.AuditEntry;
import edu.studentrecords.store.audit.AuditSigner;
import edu.studentrecords.store.audit.SealedEpoch;
import edu.studentrecords.store.validation.FieldError;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.bson.Document;

/**
 * A supervisor's extract of the trail: the entries about one record, or made by one client, in a time window, each
 * checked against its hash, with the signed checkpoints of the epochs they lie in, signed as one JWS. Identifiers and
 * codes only.
 */
final class AuditExtracts {

    /** The JWS {@code typ} of an extract. */
    static final String TYPE = "audit-extract+jwt";
    /** The most entries one extract holds; a window with more is refused (narrow it). */
    static final int MAX_ENTRIES = 10_000;
    /** The most entries a client's extract reads to find its own. */
    static final int MAX_SCAN = 1_000_000;

    private final ChainReader chain;
    private final ChainMac mac;
    private final HistoryIndex index;
    private final WindowScan scan;

    AuditExtracts(ChainReader chain, ChainMac mac, HistoryIndex index) {
        this.chain = chain;
        this.mac = mac;
        this.index = index;
        this.scan = new WindowScan(chain);
    }

    String ofRecord(String recordId, Instant from, Instant to, List<SealedEpoch> epochs, AuditSigner signer,
            Instant now) {
        List<Long> sequences = index.sequencesOf(recordId, from, to, 0, MAX_ENTRIES + 1);
        if (sequences.size() > MAX_ENTRIES) {
            throw tooMany();
        }
        List<AuditEntry> entries = new ArrayList<>();
        chain.fetch(sequences).values().forEach(document -> entries.add(checked(document)));
        entries.sort((a, b) -> Long.compare(a.sequence(), b.sequence()));
        Map<String, Object> about = new LinkedHashMap<>();
        about.put("recordId", recordId);
        // An extract about one student is shown to whoever asked about that student: a search or a list among its
        // entries names only this record, never the other students it returned.
        return sign(about, from, to, entries, entry -> onlyAbout(recordId, entry), epochs, signer, now);
    }

    private static Map<String, Object> onlyAbout(String recordId, AuditEntry entry) {
        Map<String, Object> fields = EntryJson.fields(entry);
        if (fields.get("recordIds") instanceof List<?> ids) {
            fields.put("recordIds", ids.contains(recordId) ? List.of(recordId) : List.of());
        }
        return fields;
    }

    String ofClient(String clientId, Instant from, Instant to, long firstKept, long head, List<SealedEpoch> epochs,
            AuditSigner signer, Instant now) {
        List<AuditEntry> entries = new ArrayList<>();
        scan.walk(from, to, firstKept, head, MAX_SCAN, AuditExtracts::tooMany, document -> {
            AuditEntry entry = checked(document);
            if (clientId.equals(entry.clientId()) && !entry.time().isBefore(from) && entry.time().isBefore(to)) {
                entries.add(entry);
                if (entries.size() > MAX_ENTRIES) {
                    throw tooMany();
                }
            }
        });
        Map<String, Object> about = new LinkedHashMap<>();
        about.put("clientId", clientId);
        return sign(about, from, to, entries, EntryJson::fields, epochs, signer, now);
    }

    private String sign(Map<String, Object> about, Instant from, Instant to, List<AuditEntry> entries,
            Function<AuditEntry, Map<String, Object>> view, List<SealedEpoch> epochs, AuditSigner signer, Instant now) {
        Map<String, Object> payload = new LinkedHashMap<>(about);
        payload.put("from", from == null ? null : from.toString());
        payload.put("to", to == null ? null : to.toString());
        payload.put("extractedAt", now.toString());
        payload.put("entriesVerified", true);
        List<String> checkpoints = new ArrayList<>();
        for (SealedEpoch epoch : epochs) {
            boolean covers = entries.stream().anyMatch(e -> e.sequence() >= epoch.checkpoint().firstSequence()
                    && e.sequence() <= epoch.checkpoint().lastSequence());
            if (covers) {
                checkpoints.add(epoch.signed());
            }
        }
        payload.put("checkpoints", checkpoints);
        payload.put("entries", entries.stream().map(view).toList());
        return signer.sign(TYPE, EntryJson.write(payload).getBytes(StandardCharsets.UTF_8));
    }

    private AuditEntry checked(Document document) {
        try {
            AuditEntry entry = EntryDocument.toEntry(document);
            if (mac.hashOf(entry).equals(entry.hash())) {
                return entry;
            }
        } catch (MalformedEntryException e) {
            // reported below
        }
        throw StoreException.conflict(StoreException.Subject.AUDIT_TRAIL, "NOT_INTACT");
    }

    private static StoreException tooMany() {
        return StoreException.invalid(StoreException.Subject.AUDIT_TRAIL, new FieldError("to", "range",
                "the window holds more than " + MAX_ENTRIES + " entries (or more than " + MAX_SCAN
                        + " to read); narrow it"));
    }
}
