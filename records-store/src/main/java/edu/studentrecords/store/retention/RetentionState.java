package edu.studentrecords.store.retention;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import edu.studentrecords.store.internal.mongo.RecordJson;
import edu.studentrecords.store.model.EnrolmentStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;

/**
 * What retention keeps besides archives, holds and paper copies: the realm's policy, the marker of the last scheduled
 * run, and the reports of runs. Shared by every node through the store. Thread-safe.
 */
final class RetentionState {

    private static final String POLICY = "policy";
    private static final String SCHEDULE = "schedule";
    private static final String LAST_RUN = "lastRun";
    private static final int MAX_RUNS = 100;

    private final MongoCollection<Document> state;
    private final MongoCollection<Document> runs;

    RetentionState(MongoCollection<Document> state, MongoCollection<Document> runs) {
        this.state = state;
        this.runs = runs;
    }

    RetentionPolicy policy() {
        Document doc = state.find(Filters.eq("_id", POLICY)).first();
        if (doc == null) {
            return RetentionPolicy.DEFAULT;
        }
        Set<EnrolmentStatus> on = EnumSet.noneOf(EnrolmentStatus.class);
        doc.getList("archiveOn", String.class).forEach(name -> on.add(EnrolmentStatus.valueOf(name)));
        return new RetentionPolicy(on, doc.getInteger("destroyAfterDays"), doc.getInteger("archiveRetentionDays"));
    }

    void setPolicy(RetentionPolicy policy) {
        state.replaceOne(Filters.eq("_id", POLICY), new Document("_id", POLICY)
                .append("archiveOn", policy.archiveOn().stream().sorted().map(Enum::name).toList())
                .append("destroyAfterDays", policy.destroyAfterDays())
                .append("archiveRetentionDays", policy.archiveRetentionDays()), new ReplaceOptions().upsert(true));
    }

    /**
     * Claims the scheduled run at {@code now} if no scheduled run was claimed within {@code every} before it: one
     * compare-and-set, so two nodes (or a retried timer) never both claim the same period.
     */
    boolean claimScheduled(Instant now, Duration every) {
        Date cutoff = Date.from(now.minus(every));
        if (state.updateOne(Filters.and(Filters.eq("_id", SCHEDULE), Filters.lte(LAST_RUN, cutoff)),
                Updates.set(LAST_RUN, Date.from(now))).getModifiedCount() == 1) {
            return true;
        }
        try {
            state.insertOne(new Document("_id", SCHEDULE).append(LAST_RUN, Date.from(now)));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /** When the last scheduled run was claimed, or null. */
    Instant lastScheduled() {
        Document doc = state.find(Filters.eq("_id", SCHEDULE)).first();
        return doc == null ? null : doc.getDate(LAST_RUN).toInstant();
    }

    void save(RetentionRun run) {
        try {
            // Listed in the order saved (an ObjectId grows with time and a counter), not by the instant judged at: a
            // dry run and a run at the same instant, or runs under a shifted clock, still list newest first.
            runs.insertOne(new Document("_id", run.id()).append("saved", new org.bson.types.ObjectId())
                    .append("ranAt", Date.from(run.ranAt()))
                    .append("report", RecordJson.mapper().writeValueAsString(run)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a retention run report could not be written", e);
        }
    }

    /** The reports of the latest runs, newest first. */
    List<RetentionRun> latest() {
        List<RetentionRun> found = new ArrayList<>();
        for (Document doc : runs.find().sort(Sorts.descending("saved")).limit(MAX_RUNS)) {
            try {
                found.add(RecordJson.mapper().readValue(doc.getString("report"), RetentionRun.class));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a stored retention run report could not be read", e);
            }
        }
        return found;
    }
}
