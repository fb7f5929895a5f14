package edu.studentrecords.store.internal.consent;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import edu.studentrecords.store.consent.ConsentEvent;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;

/**
 * The ledger in two collections: {@code consent_events}, one document per consent given or withdrawn, only ever
 * inserted; and {@code consent_states}, one document per student and purpose ({@code _id} = record id and purpose)
 * holding the latest event, so that a grant relying on consent is checked by one lookup by key on every request. The
 * event is written first; the state follows it (a state is never ahead of the events). Ids and codes only. Thread-safe.
 */
public final class ConsentLedger {

    private static final String RECORD = "recordId";
    private static final String PURPOSE = "purpose";
    private static final String GIVEN = "given";
    private static final String BY = "by";
    private static final String BY_ROLE = "byRole";
    private static final String AT = "at";
    private static final String TEXT_VERSION = "textVersion";
    private static final int MAX_LEDGER = 10_000;

    private final MongoCollection<Document> events;
    private final MongoCollection<Document> states;

    public ConsentLedger(MongoCollection<Document> events, MongoCollection<Document> states) {
        this.events = events;
        this.states = states;
        events.createIndex(Indexes.ascending(RECORD, PURPOSE, AT), new IndexOptions().name("record_purpose_at"));
        states.createIndex(Indexes.ascending(PURPOSE), new IndexOptions().name("purpose"));
    }

    /** Appends the event, then moves the student's state for the purpose to it. */
    void append(ConsentEvent event) {
        Document doc = encode(event);
        events.insertOne(new Document("_id", UUID.randomUUID().toString()).append(RECORD, event.recordId())
                .append(PURPOSE, event.purpose()).append(GIVEN, event.given()).append(BY, event.by())
                .append(BY_ROLE, event.byRole()).append(AT, doc.get(AT)).append(TEXT_VERSION, event.textVersion()));
        states.replaceOne(Filters.eq("_id", key(event.recordId(), event.purpose())),
                doc.append("_id", key(event.recordId(), event.purpose())), new ReplaceOptions().upsert(true));
    }

    /** The student's events for the purpose, oldest first. */
    List<ConsentEvent> history(String recordId, String purpose) {
        return events.find(Filters.and(Filters.eq(RECORD, recordId), Filters.eq(PURPOSE, purpose)))
                .sort(Sorts.ascending(AT)).map(ConsentLedger::decode).into(new ArrayList<>());
    }

    /** Whether the student's consent for the purpose is given now: one lookup by key. */
    public boolean isGiven(String recordId, String purpose) {
        return Optional.ofNullable(states.find(Filters.eq("_id", key(recordId, purpose))).first())
                .map(doc -> Boolean.TRUE.equals(doc.getBoolean(GIVEN))).orElse(false);
    }

    /** The records with a state for the purpose (given or withdrawn), at most 10,000. */
    List<String> recordsWithState(String purpose) {
        List<String> ids = new ArrayList<>();
        states.find(Filters.eq(PURPOSE, purpose)).limit(MAX_LEDGER).forEach(doc -> ids.add(doc.getString(RECORD)));
        return ids;
    }

    private static String key(String recordId, String purpose) {
        return recordId + "#" + purpose;
    }

    private static Document encode(ConsentEvent event) {
        return new Document(RECORD, event.recordId()).append(PURPOSE, event.purpose()).append(GIVEN, event.given())
                .append(BY, event.by()).append(BY_ROLE, event.byRole()).append(AT, Date.from(event.at()))
                .append(TEXT_VERSION, event.textVersion());
    }

    private static ConsentEvent decode(Document doc) {
        return new ConsentEvent(doc.getString(RECORD), doc.getString(PURPOSE), Boolean.TRUE.equals(doc.getBoolean(GIVEN)),
                doc.getString(BY), doc.getString(BY_ROLE), doc.getDate(AT).toInstant(), doc.getInteger(TEXT_VERSION));
    }
}
