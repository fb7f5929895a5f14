package edu.studentrecords.store.internal.retention;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import edu.studentrecords.store.internal.mongo.RecordJson;
import edu.studentrecords.store.internal.mongo.ScheduledRunClaim;
import edu.studentrecords.store.model.EnrolmentStatus;
import edu.studentrecords.store.retention.PolicyChange;
import edu.studentrecords.store.retention.RetentionPolicy;
import edu.studentrecords.store.retention.RetentionRun;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;

/**
 * What retention keeps besides archives, holds and paper copies: the realm's policy, the marker of the last scheduled
 * run, and the reports of runs. Shared by every node through the store. Thread-safe.
 */
final class RetentionState {

    private static final String POLICY = "policy";
    private static final String PENDING = "pendingPolicy";
    private static final String SCHEDULE = "schedule";
    private static final int MAX_RUNS = 100;

    private final MongoCollection<Document> state;
    private final ScheduledRunClaim schedule;
    private final MongoCollection<Document> runs;

    RetentionState(MongoCollection<Document> state, MongoCollection<Document> runs) {
        this.state = state;
        this.schedule = new ScheduledRunClaim(state, SCHEDULE);
        this.runs = runs;
    }

    RetentionPolicy policy() {
        Document doc = state.find(Filters.eq("_id", POLICY)).first();
        if (doc == null) {
            return RetentionPolicy.DEFAULT;
        }
        return decode(doc);
    }

    void setPolicy(RetentionPolicy policy) {
        state.replaceOne(Filters.eq("_id", POLICY), encode(policy).append("_id", POLICY),
                new ReplaceOptions().upsert(true));
    }

    /** The change waiting for a second administrator, if any. */
    Optional<PolicyChange> pending() {
        Document doc = state.find(Filters.eq("_id", PENDING)).first();
        return doc == null ? Optional.empty() : Optional.of(new PolicyChange(PolicyChange.Status.AWAITING_APPROVAL,
                policy(), decode(doc.get("proposed", Document.class)), doc.getString("proposedBy"),
                doc.getDate("proposedAt").toInstant(), null));
    }

    /** Puts a change up for approval, in place of any change waiting before it. */
    void propose(RetentionPolicy proposed, String proposedBy, Instant at) {
        state.replaceOne(Filters.eq("_id", PENDING), new Document("_id", PENDING).append("proposed", encode(proposed))
                .append("proposedBy", proposedBy).append("proposedAt", Date.from(at)), new ReplaceOptions().upsert(true));
    }

    /**
     * Takes the waiting change off, if it is still the one proposed by {@code proposedBy} at {@code at}: one
     * compare-and-delete, so two administrators cannot both decide it.
     */
    boolean takePending(String proposedBy, Instant at) {
        return state.deleteOne(Filters.and(Filters.eq("_id", PENDING), Filters.eq("proposedBy", proposedBy),
                Filters.eq("proposedAt", Date.from(at)))).getDeletedCount() == 1;
    }

    private static Document encode(RetentionPolicy policy) {
        return new Document("archiveOn", policy.archiveOn().stream().sorted().map(Enum::name).toList())
                .append("destroyAfterDays", policy.destroyAfterDays())
                .append("archiveRetentionDays", policy.archiveRetentionDays())
                .append("auditRetentionDays", policy.auditRetentionDays());
    }

    private static RetentionPolicy decode(Document doc) {
        Set<EnrolmentStatus> on = EnumSet.noneOf(EnrolmentStatus.class);
        doc.getList("archiveOn", String.class).forEach(name -> on.add(EnrolmentStatus.valueOf(name)));
        // A policy stored before the audit trail had its own period keeps it for the default three years.
        return new RetentionPolicy(on, doc.getInteger("destroyAfterDays"), doc.getInteger("archiveRetentionDays"),
                doc.getInteger("auditRetentionDays", RetentionPolicy.DEFAULT_AUDIT_RETENTION_DAYS));
    }

    /**
     * Claims the scheduled run at {@code now} if no scheduled run was claimed within {@code every} before it: one
     * compare-and-set, so two nodes (or a retried timer) never both claim the same period.
     */
    boolean claimScheduled(Instant now, Duration every) {
        return schedule.claim(now, every);
    }

    /** When the last scheduled run was claimed, or null. */
    Instant lastScheduled() {
        return schedule.lastRun();
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
