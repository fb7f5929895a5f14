package edu.studentrecords.store.internal.check;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.DenialReason;
import edu.studentrecords.store.access.Duty;
import edu.studentrecords.store.audit.AuditEntry;
import edu.studentrecords.store.audit.AuditOperation;
import edu.studentrecords.store.audit.AuditTrail;
import edu.studentrecords.store.audit.ChainVerification;
import edu.studentrecords.store.audit.Decision;
import edu.studentrecords.store.check.CheckSettings;
import edu.studentrecords.store.check.Finding;
import edu.studentrecords.store.check.SecuritySelfCheck;
import edu.studentrecords.store.check.SelfCheckReport;
import edu.studentrecords.store.feed.ChangeFeed;
import edu.studentrecords.store.feed.QuarantinedChange;
import edu.studentrecords.store.grants.StoredGrant;
import edu.studentrecords.store.internal.gate.RecordGate;
import edu.studentrecords.store.internal.mongo.GrantCollection;
import edu.studentrecords.store.internal.mongo.RecordCollection;
import edu.studentrecords.store.internal.mongo.ScheduledRunClaim;
import edu.studentrecords.store.internal.records.RecordVault;
import edu.studentrecords.store.validation.RecordValidator;
import java.time.Duration;
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
 * verifications, stored records that break the rules, duties tried under impersonation, change feed entries the
 * search index could not take (quarantined and still standing). Findings name people and clients by id, never
 * students. Each run reports on the whole day before it, so a re-run shows the standing findings again rather
 * than only what happened since the last run. Thread-safe.
 */
public final class MongoSelfCheck implements SecuritySelfCheck {

    private static final int PAGE = 1000;
    private static final Set<String> READS = Set.of(AuditOperation.READ.code(), AuditOperation.EXPORT.code(),
            AuditOperation.SEARCH.code());
    /** The period every report covers: the day before the run, as often as the check is scheduled. */
    private static final Duration PERIOD = Duration.ofDays(1);
    private static final String LATEST = "latest";
    /** The marker of the last scheduled run, beside the latest report. */
    private static final String SCHEDULE = "schedule";

    private final AuditTrail audit;
    private final GrantCollection grants;
    private final RecordCollection records;
    private final MongoCollection<Document> checks;
    private final ScheduledRunClaim schedule;
    private final RecordGate gate;
    private final RecordVault vault;
    private final RecordValidator validator;
    private final ChangeFeed feed;

    public MongoSelfCheck(AuditTrail audit, GrantCollection grants, RecordCollection records,
            MongoCollection<Document> checks, RecordGate gate, RecordVault vault, RecordValidator validator,
            ChangeFeed feed) {
        this.audit = audit;
        this.grants = grants;
        this.records = records;
        this.checks = checks;
        this.schedule = new ScheduledRunClaim(checks, SCHEDULE);
        this.gate = gate;
        this.vault = vault;
        this.validator = validator;
        this.feed = feed;
    }

    @Override
    public SelfCheckReport run(AccessContext ctx, CheckSettings settings, List<Finding> extra) {
        gate.duty(ctx, Duty.SUPERVISE, AuditOperation.SELF_CHECK, null).allow(null);
        return check(ctx.now(), settings, extra);
    }

    @Override
    public Optional<SelfCheckReport> runScheduled(Instant now, Duration every, CheckSettings settings,
            List<Finding> extra) {
        if (!schedule.claim(now.truncatedTo(ChronoUnit.MILLIS), every)) {
            return Optional.empty();
        }
        gate.system(AuditOperation.SELF_CHECK, null, null);
        return Optional.of(check(now, settings, extra));
    }

    @Override
    public Optional<SelfCheckReport> latest(AccessContext ctx) {
        gate.duty(ctx, Duty.SUPERVISE, AuditOperation.SELF_CHECK_READ, null).allow(null);
        return Optional.ofNullable(checks.find(eq("_id", LATEST)).first()).map(MongoSelfCheck::decode);
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
        // Every run reports on the whole trailing period, so a re-run shows the standing findings again.
        long from = firstAtOrAfter(now.minus(PERIOD), chain.entriesChecked());
        long to = scanEntries(from, settings, findings);
        long invalid = invalidRecords();
        if (invalid > 0) {
            findings.add(new Finding(Finding.INVALID_RECORDS, null, invalid, null, null));
        }
        long overdue = records.countUnconfirmedSince(now.minus(settings.verificationPeriod()));
        if (overdue > 0) {
            findings.add(new Finding(Finding.VERIFICATION_OVERDUE, null, overdue, null, now.minus(settings.verificationPeriod())));
        }
        feedQuarantine().ifPresent(findings::add);
        findings.addAll(extra);
        // Stored at the database's precision, so the report read back later equals the one returned now.
        SelfCheckReport report = new SelfCheckReport(now.truncatedTo(ChronoUnit.MILLIS), chain.intact(), chain.entriesChecked(), from, to, findings);
        checks.replaceOne(eq("_id", LATEST), encode(report), new ReplaceOptions().upsert(true));
        return report;
    }

    /**
     * The first sequence of the trail appended at or after {@code since} (entries are appended in time order), or
     * {@code head + 1} when there is none.
     */
    private long firstAtOrAfter(Instant since, long head) {
        long lo = 1;
        long hi = head + 1;
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            List<AuditEntry> entry = audit.range(mid, 1);
            if (!entry.isEmpty() && entry.get(0).time().isBefore(since)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** How many stored records break the record's rules. Opens every record: a full scan, as the check runs daily. */
    private long invalidRecords() {
        long[] invalid = new long[1];
        records.forEachDocument(doc -> {
            try {
                if (!validator.validate(vault.open(doc).content()).isEmpty()) {
                    invalid[0]++;
                }
            } catch (RuntimeException e) {
                // A record destroyed meanwhile has no key; any other record that cannot be opened is not valid either.
                if (!(e instanceof edu.studentrecords.store.StoreException gone && gone.is(
                        edu.studentrecords.store.StoreException.Kind.NOT_FOUND))) {
                    invalid[0]++;
                }
            }
        });
        return invalid[0];
    }

    /**
     * Counts institutional reads (those with a declared purpose: students reading their own record declare none), and
     * the centre's duties tried under impersonation.
     */
    private long scanEntries(long from, CheckSettings settings, List<Finding> findings) {
        Map<String, long[]> impersonated = new TreeMap<>();
        Map<String, Map<Instant, Long>> perHour = new TreeMap<>();
        Map<String, long[]> outOfHours = new TreeMap<>();
        Map<String, Instant[]> outOfHoursSpan = new TreeMap<>();
        long last = from - 1;
        while (true) {
            List<AuditEntry> page = audit.range(last + 1, PAGE);
            for (AuditEntry entry : page) {
                last = entry.sequence();
                if (DenialReason.IMPERSONATED.name().equals(entry.reason()) && entry.impersonator() != null) {
                    impersonated.computeIfAbsent("user:" + entry.impersonator(), a -> new long[1])[0]++;
                }
                if (entry.decision() != Decision.ALLOW || entry.purpose() == null || !READS.contains(entry.operation())) {
                    continue;
                }
                long records = entry.operation().equals(AuditOperation.SEARCH.code()) ? entry.recordIds().size() : 1;
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
        impersonated.forEach((actor, count) -> findings.add(new Finding(Finding.IMPERSONATED_DUTY_CALL, actor, count[0],
                null, null)));
        return last;
    }

    /** The records whose feed entry the index could not take and that have not changed since; ids stay in the store. */
    private Optional<Finding> feedQuarantine() {
        List<QuarantinedChange> standing = feed.quarantined();
        if (standing.isEmpty()) {
            return Optional.empty();
        }
        long count = standing.stream().map(QuarantinedChange::recordId).distinct().count();
        Instant first = standing.stream().map(QuarantinedChange::at).min(Instant::compareTo).orElseThrow();
        Instant last = standing.stream().map(QuarantinedChange::at).max(Instant::compareTo).orElseThrow();
        return Optional.of(new Finding(Finding.FEED_QUARANTINED, null, count, first, last));
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
