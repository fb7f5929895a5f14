package edu.studentrecords.store.internal.audit;

import edu.studentrecords.store.audit.AuditEntry;
import edu.studentrecords.store.audit.AuditEvent;
import edu.studentrecords.store.audit.Decision;
import edu.studentrecords.store.model.FieldGroup;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;

/**
 * Maps an {@link AuditEntry} to its stored document and back. {@code _id} is the sequence number (a
 * 64-bit integer); every other field is always present, null where the entry has null, so that a
 * verifier can insist on the exact shape.
 */
final class EntryDocument {

    static final String ID = "_id";
    static final String TIME = "time";
    static final String SUBJECT = "subject";
    static final String CLIENT_ID = "clientId";
    static final String PURPOSE = "purpose";
    static final String GRANT_ID = "grantId";
    static final String RECORD_ID = "recordId";
    static final String RECORD_IDS = "recordIds";
    static final String GROUPS = "groups";
    static final String OPERATION = "operation";
    static final String DECISION = "decision";
    static final String REASON = "reason";
    static final String PREVIOUS_HASH = "previousHash";
    static final String HASH = "hash";
    /** Present only on entries of a session under impersonation, so older entries keep their exact shape. */
    static final String IMPERSONATOR = "impersonator";

    static final Set<String> FIELDS = Set.of(ID, TIME, SUBJECT, CLIENT_ID, PURPOSE, GRANT_ID, RECORD_ID, RECORD_IDS,
            GROUPS, OPERATION, DECISION, REASON, PREVIOUS_HASH, HASH);

    private EntryDocument() {
    }

    static Document toDocument(AuditEntry entry) {
        List<String> groups = new ArrayList<>();
        entry.groups().forEach(group -> groups.add(group.name()));
        Document document = new Document(ID, entry.sequence())
                .append(TIME, Date.from(entry.time()))
                .append(SUBJECT, entry.subject())
                .append(CLIENT_ID, entry.clientId())
                .append(PURPOSE, entry.purpose())
                .append(GRANT_ID, entry.grantId())
                .append(RECORD_ID, entry.recordId())
                .append(RECORD_IDS, entry.recordIds())
                .append(GROUPS, groups)
                .append(OPERATION, entry.operation())
                .append(DECISION, entry.decision().name())
                .append(REASON, entry.reason())
                .append(PREVIOUS_HASH, entry.previousHash())
                .append(HASH, entry.hash());
        if (entry.impersonator() != null) {
            document.append(IMPERSONATOR, entry.impersonator());
        }
        return document;
    }

    static AuditEntry toEntry(Document document) throws MalformedEntryException {
        Set<String> keys = new java.util.HashSet<>(document.keySet());
        keys.remove(IMPERSONATOR);
        if (!keys.equals(FIELDS)) {
            throw new MalformedEntryException("unexpected or missing fields");
        }
        try {
            return new AuditEntry(
                    required(document, ID, Long.class),
                    required(document, TIME, Date.class).toInstant(),
                    new AuditEvent(
                    optional(document, SUBJECT),
                    required(document, CLIENT_ID, String.class),
                    optional(document, PURPOSE),
                    optional(document, GRANT_ID),
                    optional(document, RECORD_ID),
                    strings(document, RECORD_IDS),
                    groups(document),
                    required(document, OPERATION, String.class),
                    Decision.valueOf(required(document, DECISION, String.class)),
                    optional(document, REASON),
                    optional(document, IMPERSONATOR)),
                    required(document, PREVIOUS_HASH, String.class),
                    required(document, HASH, String.class));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new MalformedEntryException("invalid value: " + e.getMessage());
        }
    }

    private static <T> T required(Document document, String field, Class<T> type) throws MalformedEntryException {
        Object value = document.get(field);
        if (!type.isInstance(value)) {
            throw new MalformedEntryException(field + " is not a " + type.getSimpleName());
        }
        return type.cast(value);
    }

    private static String optional(Document document, String field) throws MalformedEntryException {
        Object value = document.get(field);
        if (value != null && !(value instanceof String)) {
            throw new MalformedEntryException(field + " is not a String");
        }
        return (String) value;
    }

    private static List<String> strings(Document document, String field) throws MalformedEntryException {
        List<?> values = required(document, field, List.class);
        List<String> strings = new ArrayList<>(values.size());
        for (Object value : values) {
            if (!(value instanceof String)) {
                throw new MalformedEntryException(field + " holds a value that is not a String");
            }
            strings.add((String) value);
        }
        return strings;
    }

    private static Set<FieldGroup> groups(Document document) throws MalformedEntryException {
        List<String> names = strings(document, GROUPS);
        Set<FieldGroup> groups = EnumSet.noneOf(FieldGroup.class);
        for (String name : names) {
            groups.add(FieldGroup.valueOf(name));
        }
        // Only the canonical order is accepted: a reordered or repeated list would otherwise hash the same.
        if (!names.equals(groups.stream().map(Enum::name).toList())) {
            throw new MalformedEntryException(GROUPS + " is not in canonical order");
        }
        return groups;
    }
}
