package edu.studentrecords.store.check;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import edu.studentrecords.store.AccessDeniedException;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.AccessDecision;
import edu.studentrecords.store.access.AccessPolicy;
import edu.studentrecords.store.access.Duty;
import edu.studentrecords.store.audit.AuditEntry;
import edu.studentrecords.store.audit.AuditTrail;
import edu.studentrecords.store.audit.ChainVerification;
import edu.studentrecords.store.audit.Decision;
import edu.studentrecords.store.internal.mongo.DecisionRecorder;
import edu.studentrecords.store.internal.mongo.GrantCollection;
import edu.studentrecords.store.internal.mongo.RecordCollection;
import edu.studentrecords.store.grants.StoredGrant;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.bson.Document;

/**
 * The periodic security check of rule 7.3: the audit chain intact, expired grants closed, unusual reading (one person
 * or client reading more records in an hour than the realm allows, or reading outside the workday), overdue
 * verifications. Findings name people and clients by id, never students. Each run examines the audit entries
 * appended since the previous run (the position is kept in the database, so every node continues where any node
 * stopped) and is idempotent: running twice over the same entries finds the same things once. Thread-safe.
 */
public final class SecuritySelfCheck {

    /** Code under which runs appear in the audit trail. */
    public static final String OPERATION = "SELF_CHECK";
    private static final int PAGE = 1000;
    private static final Set<String> READS = Set.of("READ", "EXPORT", "SEARCH");
    private static final String STATE = "state";
    private static final String LATEST = "latest";

    private final AuditTrail audit;
    private final GrantCollection grants;
    private final RecordCollection records;
    private final MongoCollection<Document> checks;
    private final DecisionRecorder recorder;
    private final AccessPolicy policy;

    /** For the store, which owns the collections. */
    public SecuritySelfCheck(AuditTrail audit, GrantCollection grants, RecordCollection records,
            MongoCollection<Document> checks, DecisionRecorder recorder, AccessPolicy policy) {
        this.audit = audit;
        this.grants = grants;
        this.records = records;
        this.checks = checks;
        this.recorder = recorder;
        this.policy = policy;
    }

    /**
     * Runs a check on request of a supervisor or administrator.
     *
     * @param extra findings only the caller can make (Keycloak clients and accounts), added to the report
     * @throws AccessDeniedException if the caller may not supervise
     */
    public SelfCheckReport run(AccessContext ctx, CheckSettings settings, List<Finding> extra) {
        Optional<AccessDecision.Denied> denied = policy.checkDuty(ctx, Duty.SUPERVISE);
        if (denied.isPresent()) {
            recorder.recordDutyOn(ctx, OPERATION, null, Decision.DENY, denied.get().reason().name());
            throw new AccessDeniedException(denied.get());
        }
        recorder.recordDutyOn(ctx, OPERATION, null, Decision.ALLOW, null);
        return check(ctx.now(), settings, extra);
    }

    /**
     * Runs a scheduled check, recorded in the audit trail as the system's.
     *
     * @param now the instant of the run
     */
    public SelfCheckReport runScheduled(Instant now, CheckSettings settings, List<Finding> extra) {
        recorder.recordSystem(OPERATION);
        return check(now, settings, extra);
    }

    /** The report of the last run, if any. */
    public Optional<SelfCheckReport> latest(AccessContext ctx) {
        Optional<AccessDecision.Denied> denied = policy.checkDuty(ctx, Duty.SUPERVISE);
        if (denied.isPresent()) {
            recorder.recordDutyOn(ctx, OPERATION + "_READ", null, Decision.DENY, denied.get().reason().name());
            throw new AccessDeniedException(denied.get());
        }
        recorder.recordDutyOn(ctx, OPERATION + "_READ", null, Decision.ALLOW, null);
        return Optional.ofNullable(checks.find(eq("_id", LATEST)).first()).map(SecuritySelfCheck::decode);
    }

    private SelfCheckReport check(Instant now, CheckSettings settings, List<Finding> extra) {
        List<Finding> findings = new ArrayList<>();
        ChainVerification chain = audit.verify();
        if (!chain.intact()) {
            findings.add(new Finding(Finding.AUDIT_CHAIN_BROKEN, null, chain.firstBrokenSequence(), null, null));
        }
        for (StoredGrant grant : grants.all()) {
            // An expired grant opens nothing already; closing it keeps the register honest and the check idempotent.
            if (!grant.grant().isRevoked() && !now.isBefore(grant.grant().expiresAt())
                    && grants.revoke(grant.grant().id(), "system:self-check", now)) {
                findings.add(new Finding(Finding.EXPIRED_GRANT_CLOSED, "grant:" + grant.grant().id(), 1,
                        null, grant.grant().expiresAt()));
            }
        }
        long from = scannedTo() + 1;
        long to = scanReading(from, settings, findings);
        long overdue = records.countUnconfirmedSince(now.minus(settings.verificationPeriod()));
        if (overdue > 0) {
            findings.add(new Finding(Finding.VERIFICATION_OVERDUE, null, overdue, null, now.minus(settings.verificationPeriod())));
        }
        findings.addAll(extra);
        // Stored at the database's precision, so the report read back later equals the one returned now.
        SelfCheckReport report = new SelfCheckReport(now.truncatedTo(ChronoUnit.MILLIS), chain.intact(), chain.entriesChecked(), from, to, findings);
        checks.replaceOne(eq("_id", LATEST), encode(report), new ReplaceOptions().upsert(true));
        checks.replaceOne(eq("_id", STATE), new Document("_id", STATE).append("scannedTo", to),
                new ReplaceOptions().upsert(true));
        return report;
    }

    /** Counts institutional reads (those with a declared purpose: students reading their own record declare none). */
    private long scanReading(long from, CheckSettings settings, List<Finding> findings) {
        Map<String, Map<Instant, Long>> perHour = new TreeMap<>();
        Map<String, long[]> outOfHours = new TreeMap<>();
        Map<String, Instant[]> outOfHoursSpan = new TreeMap<>();
        long last = from - 1;
        while (true) {
            List<AuditEntry> page = audit.range(last + 1, PAGE);
            for (AuditEntry entry : page) {
                last = entry.sequence();
                if (entry.decision() != Decision.ALLOW || entry.purpose() == null || !READS.contains(entry.operation())) {
                    continue;
                }
                long records = entry.operation().equals("SEARCH") ? entry.recordIds().size() : 1;
                if (records == 0) {
                    continue;
                }
                String actor = entry.subject() != null ? "user:" + entry.subject() : "client:" + entry.clientId();
                perHour.computeIfAbsent(actor, a -> new TreeMap<>())
                        .merge(entry.time().truncatedTo(ChronoUnit.HOURS), records, Long::sum);
                if (settings.outOfHours(entry.time())) {
                    outOfHours.computeIfAbsent(actor, a -> new long[1])[0] += records;
                    Instant[] span = outOfHoursSpan.computeIfAbsent(actor, a -> new Instant[] {entry.time(), entry.time()});
                    span[1] = entry.time();
                }
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        perHour.forEach((actor, hours) -> hours.forEach((hour, count) -> {
            if (count > settings.readsPerHour()) {
                findings.add(new Finding(Finding.BULK_READING, actor, count, hour, hour.plus(1, ChronoUnit.HOURS)));
            }
        }));
        outOfHours.forEach((actor, count) -> findings.add(new Finding(Finding.READING_OUT_OF_HOURS, actor, count[0],
                outOfHoursSpan.get(actor)[0], outOfHoursSpan.get(actor)[1])));
        return last;
    }

    private long scannedTo() {
        Document state = checks.find(eq("_id", STATE)).first();
        return state == null ? 0 : ((Number) state.get("scannedTo")).longValue();
    }

    private static Document encode(SelfCheckReport report) {
        List<Document> findings = report.findings().stream().map(f -> new Document("code", f.code())
                .append("actor", f.actor()).append("count", f.count())
                .append("from", f.from() == null ? null : Date.from(f.from()))
                .append("to", f.to() == null ? null : Date.from(f.to()))).toList();
        return new Document("_id", LATEST).append("ranAt", Date.from(report.ranAt()))
                .append("chainIntact", report.chainIntact()).append("entriesChecked", report.entriesChecked())
                .append("scannedFrom", report.scannedFrom()).append("scannedTo", report.scannedTo())
                .append("findings", findings);
    }

    private static SelfCheckReport decode(Document doc) {
        List<Finding> findings = doc.getList("findings", Document.class).stream().map(f -> new Finding(
                f.getString("code"), f.getString("actor"), ((Number) f.get("count")).longValue(),
                f.getDate("from") == null ? null : f.getDate("from").toInstant(),
                f.getDate("to") == null ? null : f.getDate("to").toInstant())).toList();
        return new SelfCheckReport(doc.getDate("ranAt").toInstant(), doc.getBoolean("chainIntact"),
                ((Number) doc.get("entriesChecked")).longValue(), ((Number) doc.get("scannedFrom")).longValue(),
                ((Number) doc.get("scannedTo")).longValue(), findings);
    }
}
