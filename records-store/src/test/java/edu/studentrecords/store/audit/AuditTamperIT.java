package edu.studentrecords.store.audit;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import edu.studentrecords.store.internal.audit.AuditCollectionNames;
import edu.studentrecords.store.internal.audit.MongoAuditTrail;
import edu.studentrecords.store.testing.InProcessMongo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bson.Document;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Applies one random change at a time to the stored chain (a field changed, an entry deleted, two
 * entries swapped) and checks that verification notices it and names the first changed sequence.
 */
class AuditTamperIT {

    private static final Logger LOG = Logger.getLogger(AuditTamperIT.class);
    private static final int ENTRIES = 300;
    private static final int TRIALS = 1_500;
    private static final List<String> FIELDS = List.of("time", "subject", "clientId", "purpose", "grantId",
            "recordId", "recordIds", "groups", "operation", "decision", "reason", "previousHash", "hash");

    @RegisterExtension
    static final InProcessMongo MONGO = new InProcessMongo();

    private final Random random = new Random(20_240_601L);

    @Test
    void everySingleChangeIsDetectedAtTheChangedEntry() {
        MongoDatabase database = MONGO.newDatabase();
        try (AuditTrail trail = MongoAuditTrail.open(database, AuditFixtures.KEY,
                AuditFixtures.ticking(Instant.parse("2025-09-01T08:00:00Z")))) {
            for (int i = 0; i < ENTRIES; i++) {
                trail.append(AuditFixtures.random(random, 40));
            }
            assertThat(trail.verify()).isEqualTo(ChainVerification.intact(ENTRIES));
            MongoCollection<Document> entries = database.getCollection(AuditCollectionNames.DEFAULTS.entries());
            Map<Long, Document> original = new HashMap<>();
            entries.find().forEach(document -> original.put(document.getLong("_id"), document));

            int detected = 0;
            Map<String, Integer> byKind = new HashMap<>();
            for (int trial = 0; trial < TRIALS; trial++) {
                Tamper tamper = tamper(trial);
                List<Long> touched = tamper.apply(entries, original);
                ChainVerification result = trail.verify();
                if (!result.intact() && Long.valueOf(tamper.expectedFirstBroken).equals(result.firstBrokenSequence())) {
                    detected++;
                } else {
                    LOG.errorf("Trial %d (%s) not detected correctly: %s", trial, tamper.description, result);
                }
                byKind.merge(tamper.kind, 1, Integer::sum);
                restore(entries, original, touched);
                if (trial % 100 == 99) {
                    assertThat(trail.verify().intact()).as("restored after trial %d", trial).isTrue();
                }
            }
            LOG.infof("Audit tamper trials: %d of %d detected at the right entry %s", detected, TRIALS, byKind);
            assertThat(detected).isEqualTo(TRIALS);
        }
    }

    private Tamper tamper(int trial) {
        // The ends of the chain are where a naive check fails; make sure they are hit.
        switch (trial) {
            case 0:
                return Tamper.delete(1);
            case 1:
                return Tamper.delete(ENTRIES);
            case 2:
                return Tamper.swap(1, 2);
            case 3:
                return Tamper.swap(ENTRIES - 1, ENTRIES);
            case 4:
                return Tamper.swap(1, ENTRIES);
            default:
                break;
        }
        int roll = random.nextInt(10);
        long sequence = 1 + random.nextInt(ENTRIES);
        if (roll < 6) {
            return Tamper.modify(sequence, FIELDS.get(random.nextInt(FIELDS.size())), random);
        }
        if (roll < 8) {
            return Tamper.delete(sequence);
        }
        long other = 1 + random.nextInt(ENTRIES);
        while (other == sequence) {
            other = 1 + random.nextInt(ENTRIES);
        }
        return Tamper.swap(Math.min(sequence, other), Math.max(sequence, other));
    }

    private static void restore(MongoCollection<Document> entries, Map<Long, Document> original, List<Long> touched) {
        for (Long sequence : touched) {
            entries.deleteOne(eq("_id", sequence));
            entries.insertOne(original.get(sequence));
        }
    }

    /** One change to the raw collection. */
    private static final class Tamper {
        final String kind;
        final String description;
        final long expectedFirstBroken;
        private final Mutation mutation;

        private Tamper(String kind, String description, long expectedFirstBroken, Mutation mutation) {
            this.kind = kind;
            this.description = description;
            this.expectedFirstBroken = expectedFirstBroken;
            this.mutation = mutation;
        }

        static Tamper delete(long sequence) {
            return new Tamper("delete", "delete " + sequence, sequence, (entries, original) -> {
                assertThat(entries.deleteOne(eq("_id", sequence)).getDeletedCount()).isEqualTo(1);
                return List.of(sequence);
            });
        }

        static Tamper swap(long first, long second) {
            return new Tamper("swap", "swap " + first + " and " + second, first, (entries, original) -> {
                entries.replaceOne(eq("_id", first), withId(original.get(second), first));
                entries.replaceOne(eq("_id", second), withId(original.get(first), second));
                return List.of(first, second);
            });
        }

        static Tamper modify(long sequence, String field, Random random) {
            return new Tamper("modify " + field, "modify " + field + " of " + sequence, sequence,
                    (entries, original) -> {
                        Document changed = new Document(original.get(sequence));
                        Object before = changed.get(field);
                        Object after = before;
                        while (java.util.Objects.equals(after, before)) {
                            after = changedValue(before, random);
                        }
                        if (after == REMOVE) {
                            changed.remove(field);
                        } else {
                            changed.put(field, after);
                        }
                        entries.replaceOne(eq("_id", sequence), changed);
                        return List.of(sequence);
                    });
        }

        List<Long> apply(MongoCollection<Document> entries, Map<Long, Document> original) {
            return mutation.apply(entries, original);
        }

        private static Document withId(Document document, long id) {
            Document copy = new Document(document);
            copy.put("_id", id);
            return copy;
        }
    }

    private static final Object REMOVE = new Object();

    private static Object changedValue(Object value, Random random) {
        int pick = random.nextInt(10);
        if (pick == 0) {
            return REMOVE;
        }
        if (pick == 1) {
            return value == null ? "x" : null;
        }
        if (value instanceof Date date) {
            return new Date(date.getTime() + (random.nextBoolean() ? 1 : -1) * (1 + random.nextInt(100_000)));
        }
        if (value instanceof String text) {
            if (text.isEmpty() || random.nextBoolean()) {
                return text + (char) ('a' + random.nextInt(26));
            }
            char[] chars = text.toCharArray();
            int at = random.nextInt(chars.length);
            chars[at] = chars[at] == '0' ? '1' : '0';
            return new String(chars);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list);
            int how = random.nextInt(4);
            if (how == 0 && copy.size() >= 2) {
                Object first = copy.remove(0);
                copy.add(first);
            } else if (how == 1 && !copy.isEmpty()) {
                copy.remove(random.nextInt(copy.size()));
            } else if (how == 2 && !copy.isEmpty()) {
                copy.add(copy.get(0));
            } else {
                copy.add(random.nextBoolean() ? "PROFILE" : "rec-" + random.nextInt(40));
            }
            return copy;
        }
        return value == null ? "x" : 42;
    }

    @FunctionalInterface
    private interface Mutation {
        List<Long> apply(MongoCollection<Document> entries, Map<Long, Document> original);
    }
}
