package edu.studentrecords.store.internal.gate;

import edu.studentrecords.store.CallAudit;
import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.StoreException.Subject;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.AccessDecision;
import edu.studentrecords.store.access.AccessPolicy;
import edu.studentrecords.store.access.AccessTarget;
import edu.studentrecords.store.access.Duty;
import edu.studentrecords.store.access.Operation;
import edu.studentrecords.store.access.Reacher;
import edu.studentrecords.store.access.UnitPath;
import edu.studentrecords.store.audit.AuditOperation;
import edu.studentrecords.store.audit.AuditReason;
import edu.studentrecords.store.audit.AuditTrail;
import edu.studentrecords.store.audit.Decision;
import edu.studentrecords.store.feed.ChangeFeed;
import edu.studentrecords.store.feed.IndexSearch;
import edu.studentrecords.store.internal.mongo.RecordHeader;
import edu.studentrecords.store.internal.mongo.RecordHeaderCache;
import edu.studentrecords.store.model.FieldGroup;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Future;
import org.bson.Document;

/**
 * The one gate in front of every record and every duty of the centre: it locates what a call names, decides it with
 * the {@link AccessPolicy} (its only caller), appends the decision to the audit trail, and only then lets the call go
 * on. A refusal is audited and thrown here; an allowed call comes back either audited already (a record located, a
 * search) or as a {@link Pass} that the feature settles once it knows the call's outcome.
 *
 * <p>A record that does not exist is decided against a unit no one holds, so a refusal that does not depend on the
 * record (purpose, scope) is reported as such and everything else as "not found": who may not use a door learns that,
 * not whether a record exists. Thread-safe.
 */
public final class RecordGate {

    /** The unit no principal holds: decisions about a record that does not exist use it. */
    static final UnitPath NOWHERE = UnitPath.parse("no-such-record");
    /** The calls by which a person acts in their own name beyond reading. */
    private static final Set<AuditOperation> ACTS = EnumSet.of(AuditOperation.VERIFY,
            AuditOperation.REQUEST_CORRECTION, AuditOperation.REPORT_MISUSE, AuditOperation.ASK_QUESTION);

    private final AccessPolicy policy = new AccessPolicy();
    private final AuditWriter audit;
    private final RecordLookup lookup;
    private final Clock clock;
    private final SearchGate searches;
    private final PurgeGate purges;

    public RecordGate(AuditTrail trail, RecordLookup lookup, Clock clock) {
        this.audit = new AuditWriter(trail);
        this.lookup = lookup;
        this.clock = clock;
        this.searches = new SearchGate(policy, audit, lookup);
        this.purges = new PurgeGate(policy, audit, lookup);
    }

    /**
     * How an operation on a record is written to the audit trail when it is not simply the operation with the groups
     * it was allowed: a code of its own and the groups it touched (null for a read: the groups it was allowed).
     */
    public record AuditLabel(AuditOperation operation, Set<FieldGroup> groups) {
    }

    /** A stored record and the decision that allowed reaching it (already audited). */
    public record Located(Document doc, AccessDecision.Allowed allowed) {
    }

    // ----- records

    /** Locates the record, decides {@code operation} on {@code requested}, audits it, and returns it when allowed. */
    public Located locate(AccessContext ctx, Operation operation, String recordId, Set<FieldGroup> requested) {
        return locate(ctx, operation, recordId, requested, null);
    }

    /** As {@link #locate(AccessContext, Operation, String, Set)}, audited under {@code label} when given. */
    public Located locate(AccessContext ctx, Operation operation, String recordId, Set<FieldGroup> requested,
            AuditLabel label) {
        boolean read = operation == Operation.READ || operation == Operation.EXPORT;
        Optional<RecordHeader> hint = read ? lookup.remembered(recordId) : Optional.empty();
        if (hint.isPresent()) {
            return locateDecidedEarly(ctx, operation, hint.get(), requested, label);
        }
        Optional<Document> doc = lookup.find(recordId);
        AccessTarget target = doc.map(d -> target(lookup.headerOf(d))).orElseGet(() -> nowhere(recordId));
        AccessDecision decision = decide(ctx, operation, target, requested, label);
        if (doc.isEmpty() && decision instanceof AccessDecision.Allowed) {
            recordMissing(ctx, operation, recordId, label);
            throw StoreException.notFound(Subject.RECORD);
        }
        record(ctx, operation, recordId, decision, label);
        // A refusal wins over a missing record: who may not use this door learns that, not whether a record exists.
        AccessDecision.Allowed allowed = requireAllowed(decision, Subject.RECORD);
        return new Located(doc.orElseThrow(() -> StoreException.notFound(Subject.RECORD)), allowed);
    }

    /** Locates the caller's own record (self service) as {@link #locate} does. */
    public Located locateOwn(AccessContext ctx, Operation operation, Set<FieldGroup> requested, AuditLabel label) {
        return locate(ctx, operation, ownRecordId(ctx), requested, label);
    }

    /** A record a call is allowed to act on, and the pass on which the call's outcome is still to be written. */
    public record RecordCall(Document doc, String recordId, Pass pass) {
    }

    /**
     * Decides a self-service call about the caller's own record ({@code operation} on {@code requested}) like
     * {@link #locateOwn}, but leaves an allowed call's entry to the caller: it is written when the call is settled on
     * the returned pass, as done ({@link Pass#allow}) or not done ({@link Pass#invalid}), so that a request refused for
     * its content is never recorded as done. A refusal, or no record, is audited and thrown at once.
     */
    public RecordCall openOwn(AccessContext ctx, Operation operation, Set<FieldGroup> requested, AuditLabel label) {
        return open(ctx, operation, ownRecordId(ctx), requested, label);
    }

    /** As {@link #openOwn}, for the record {@code recordId} (e.g. the record a correction request is about). */
    public RecordCall open(AccessContext ctx, Operation operation, String recordId, Set<FieldGroup> requested,
            AuditLabel label) {
        Optional<Document> doc = recordId == null ? Optional.empty() : lookup.find(recordId);
        AccessTarget target = doc.map(d -> target(lookup.headerOf(d))).orElseGet(() -> nowhere(recordId));
        AccessDecision decision = decide(ctx, operation, target, requested, label);
        if (decision instanceof AccessDecision.Denied || doc.isEmpty()) {
            if (doc.isEmpty() && decision instanceof AccessDecision.Allowed) {
                recordMissing(ctx, operation, recordId, label);
                throw StoreException.notFound(Subject.RECORD);
            }
            record(ctx, operation, recordId, decision, label);
            throw requireDenied((AccessDecision.Denied) decision, Subject.RECORD);
        }
        return new RecordCall(doc.get(), recordId, new Pass(audit, ctx, label.operation(), label.groups()));
    }

    /** The id of the record linked to the caller, or null. */
    public String ownRecordId(AccessContext ctx) {
        return lookup.idByOwner(ctx.subject()).orElse(null);
    }

    /**
     * A read of a record whose access facts were seen before: decided on them and audited while the record is
     * fetched, then confirmed against the stored record. When the stored facts differ (the record moved to another
     * unit, or is gone) the read is decided again on them and that decision is audited too, as a revision of the
     * first; only the confirmed decision is acted on.
     */
    private Located locateDecidedEarly(AccessContext ctx, Operation operation, RecordHeader hint,
            Set<FieldGroup> requested, AuditLabel label) {
        String recordId = hint.id();
        Future<Optional<Document>> fetch = lookup.fetchAsync(recordId);
        AccessDecision early;
        try {
            early = decide(ctx, operation, target(hint), requested, label);
            record(ctx, operation, recordId, early, label);
        } catch (RuntimeException e) {
            fetch.cancel(false);
            throw e;
        }
        Optional<Document> doc = RecordLookup.await(fetch);
        Optional<RecordHeader> stored = doc.map(lookup::headerOf);
        if (stored.isPresent() && RecordHeaderCache.sameAccessFacts(hint, stored.get())) {
            return new Located(doc.get(), requireAllowed(early, Subject.RECORD));
        }
        stored.ifPresentOrElse(lookup::remember, () -> lookup.forget(recordId));
        AccessDecision confirmed = decide(ctx, operation,
                stored.map(RecordGate::target).orElseGet(() -> nowhere(recordId)), requested, label);
        if (stored.isEmpty() && confirmed instanceof AccessDecision.Allowed) {
            recordMissing(ctx, operation, recordId, label);
            throw StoreException.notFound(Subject.RECORD);
        }
        if (!confirmed.equals(early)) {
            record(ctx, operation, recordId, confirmed, label);
        }
        AccessDecision.Allowed allowed = requireAllowed(confirmed, Subject.RECORD);
        return new Located(doc.orElseThrow(() -> StoreException.notFound(Subject.RECORD)), allowed);
    }

    /**
     * Locates a record for a change of {@code groups} and decides it on the record as it is: a refusal is audited and
     * thrown as {@link #locate} does; an allowed change comes back unaudited, as a {@link WritePass} the feature
     * settles once it knows what the change comes to (judged before and after by {@link WritePass#commit}, or not done
     * for a reason of its own).
     */
    public WritePass openWrite(AccessContext ctx, String recordId, Set<FieldGroup> groups, AuditLabel label) {
        Optional<Document> doc = lookup.find(recordId);
        AccessTarget target = doc.map(d -> target(lookup.headerOf(d))).orElseGet(() -> nowhere(recordId));
        AccessDecision decision = policy.decide(ctx, Operation.UPDATE, target, groups);
        if (doc.isEmpty() && decision instanceof AccessDecision.Allowed) {
            recordMissing(ctx, Operation.UPDATE, recordId, label);
            throw StoreException.notFound(Subject.RECORD);
        }
        if (!(decision instanceof AccessDecision.Allowed allowed)) {
            record(ctx, Operation.UPDATE, recordId, decision, label);
            throw requireDenied((AccessDecision.Denied) decision, Subject.RECORD);
        }
        AuditLabel entry = label != null ? label : new AuditLabel(AuditOperation.UPDATE, allowed.groups());
        return new WritePass(policy, audit, doc.get(), allowed, ctx, entry, recordId);
    }

    /**
     * The groups among {@code groups} the caller may read of a record as it is after a write the caller was let
     * through: what a write may echo back. Decided, not audited: the write's own entry stands for the call.
     */
    public Set<FieldGroup> readableAfterWrite(AccessContext ctx, RecordHeader after, Set<FieldGroup> groups) {
        return policy.decide(ctx, Operation.READ, target(after), groups) instanceof AccessDecision.Allowed readable
                ? readable.groups() : Set.of();
    }

    /** Appends what came of a call let through by {@link #locate} (e.g. a write refused as stale), under its operation. */
    public void outcome(AccessContext ctx, AuditOperation operation, String recordId, Set<FieldGroup> groups,
            AuditReason reason) {
        audit.event(ctx, operation, recordId, List.of(), groups, null, Decision.ALLOW, reason.code());
    }

    /**
     * A call that names something (a request, a report) that does not exist: audited as refused for {@code reason},
     * without deciding who calls, so that everyone gets the same "not found" and no caller learns which ids exist.
     * Returns the exception to throw.
     */
    public StoreException missing(AccessContext ctx, AuditOperation operation, AuditReason reason, Subject subject) {
        audit.event(ctx, operation, null, List.of(), Set.of(), null, Decision.DENY, reason.code());
        return StoreException.notFound(subject);
    }

    /**
     * Who among {@code candidates} reaches the record, by the policy's own rules; decided, not audited (the call that
     * asks has its own entry).
     */
    public List<Reacher> reachers(RecordHeader header, List<Reacher> candidates) {
        AccessTarget target = target(header);
        return candidates.stream().map(c -> policy.reach(c, target)).flatMap(Optional::stream).toList();
    }

    // ----- enrolment

    /**
     * Decides the enrolment of a new record with id {@code newId}: a refusal is audited and thrown; an allowed one
     * comes back as a {@link WritePass} to settle once the content is checked ({@link WritePass#commitNew}).
     */
    public WritePass openEnrolment(AccessContext ctx, String newId) {
        AccessDecision.Allowed allowed = enrolling(ctx, newId);
        return new WritePass(policy, audit, null, allowed, ctx, new AuditLabel(AuditOperation.CREATE, allowed.groups()),
                newId);
    }

    /** Decides whether the caller may enrol at all, before a file is read; a refusal is audited and thrown. */
    public EnrolmentPass openEnrolments(AccessContext ctx) {
        return new EnrolmentPass(audit, ctx, enrolling(ctx, null));
    }

    private AccessDecision.Allowed enrolling(AccessContext ctx, String newId) {
        AccessDecision decision = policy.decide(ctx, Operation.CREATE, null, FieldGroup.ALL);
        if (!(decision instanceof AccessDecision.Allowed allowed)) {
            audit.decision(ctx, AuditOperation.CREATE, newId, decision, Set.of());
            throw requireDenied((AccessDecision.Denied) decision, Subject.RECORD);
        }
        return allowed;
    }

    // ----- destruction

    /**
     * Decides a purge step on a record (file, approve, cancel a request), or on no record in particular when
     * {@code recordId} is null (listing requests); see {@link PurgeGate#purge}.
     */
    public PurgePass purge(AccessContext ctx, AuditOperation operation, String recordId, Subject hidden) {
        return purges.purge(ctx, operation, recordId, hidden);
    }

    // ----- duties

    /**
     * Decides whether the caller may perform {@code duty}: a refusal is audited under {@code operation} (about
     * {@code recordId}, which may be null) and thrown; an allowed call gets a pass to settle.
     */
    public Pass duty(AccessContext ctx, Duty duty, AuditOperation operation, String recordId) {
        policy.checkDuty(ctx, duty).ifPresent(denied -> {
            throw refuse(ctx, operation, recordId, denied);
        });
        return new Pass(audit, ctx, operation);
    }

    /**
     * As {@link #duty}, for a call that any of several duties allows (e.g. reports are read by the centre and by
     * supervision). When all refuse, the refusal reported is that of the last duty whose scope the token carries
     * (it is the one the caller was trying), or else that of the first.
     */
    public Pass anyDuty(AccessContext ctx, AuditOperation operation, List<Duty> duties) {
        AccessDecision.Denied reported = null;
        for (Duty duty : duties) {
            Optional<AccessDecision.Denied> denied = policy.checkDuty(ctx, duty);
            if (denied.isEmpty()) {
                return new Pass(audit, ctx, operation);
            }
            if (reported == null || ctx.hasScope(duty.scope())) {
                reported = denied.get();
            }
        }
        throw refuse(ctx, operation, null, Objects.requireNonNull(reported, "duties"));
    }

    private StoreException refuse(AccessContext ctx, AuditOperation operation, String recordId,
            AccessDecision.Denied denied) {
        audit.decision(ctx, operation, recordId, denied, Set.of());
        return StoreException.refused(denied);
    }

    // ----- search

    /**
     * The most feed entries after the index's position a search re-checks. An index further behind the store is not
     * searched: the search is {@code UNAVAILABLE} until it has caught up.
     */
    public static final int MAX_RECHECKED_ENTRIES = 10_000;


    /**
     * Runs one search on the node's search index under the access decision and audit, answering only what the caller
     * may read now although the index lags the store ({@link SearchGate#search}).
     */
    public <R> R searchReadableNow(AccessContext ctx, ChangeFeed feed, IndexSearch<R> search) {
        return searches.search(ctx, feed, search);
    }

    // ----- calls the services did not record, and the system's own steps

    /** The entries of calls the services did not record themselves. */
    public CallAudit calls() {
        return new UnrecordedCalls(audit, this::ownRecordId);
    }

    /** Appends a step the store takes by itself (a retention run's archive or destruction, a scheduled check). */
    public void system(AuditOperation operation, String recordId, AuditReason reason) {
        audit.system(operation, recordId, reason, clock.instant());
    }

    /** Appends a step the system takes on behalf of {@code clientId} (e.g. {@code system:user-removed}). */
    public void systemAs(String clientId, AuditOperation operation, String recordId, AuditReason reason) {
        audit.systemAs(clientId, operation, recordId, reason, clock.instant());
    }

    /**
     * The policy's decision, and for the calls by which a person acts in their own name beyond reading (confirming
     * their record, asking for a correction, reporting misuse) the policy's rule on acting too.
     */
    private AccessDecision decide(AccessContext ctx, Operation operation, AccessTarget target,
            Set<FieldGroup> requested, AuditLabel label) {
        AccessDecision decision = policy.decide(ctx, operation, target, requested);
        if (label == null || !ACTS.contains(label.operation()) || !(decision instanceof AccessDecision.Allowed)) {
            return decision;
        }
        return policy.checkActing(ctx).<AccessDecision>map(denied -> denied).orElse(decision);
    }

    private void record(AccessContext ctx, Operation operation, String recordId, AccessDecision decision,
            AuditLabel label) {
        if (label == null) {
            audit.decision(ctx, AuditOperation.of(operation), recordId, decision, allowedGroups(decision));
        } else {
            Set<FieldGroup> groups = label.groups() == null ? allowedGroups(decision) : label.groups();
            audit.decision(ctx, label.operation(), recordId, decision, groups);
        }
    }

    private void recordMissing(AccessContext ctx, Operation operation, String recordId, AuditLabel label) {
        AuditOperation code = label == null ? AuditOperation.of(operation) : label.operation();
        audit.event(ctx, code, recordId, List.of(), Set.of(), null, Decision.DENY, AuditReason.RECORD_NOT_FOUND.code());
    }

    private static Set<FieldGroup> allowedGroups(AccessDecision decision) {
        return decision instanceof AccessDecision.Allowed allowed ? allowed.groups() : Set.of();
    }

    private static AccessDecision.Allowed requireAllowed(AccessDecision decision, Subject subject) {
        if (decision instanceof AccessDecision.Allowed allowed) {
            return allowed;
        }
        throw requireDenied((AccessDecision.Denied) decision, subject);
    }

    static StoreException requireDenied(AccessDecision.Denied denied, Subject subject) {
        return denied.visibility() == AccessDecision.Visibility.NOT_FOUND
                ? StoreException.notFound(subject) : StoreException.refused(denied);
    }

    static AccessTarget nowhere(String recordId) {
        return new AccessTarget(recordId == null || recordId.isBlank() ? "none" : recordId, null, NOWHERE);
    }

    /** The access facts a decision about a stored record is made on. */
    public static AccessTarget target(RecordHeader header) {
        return new AccessTarget(header.id(), header.ownerSubject(), UnitPath.ofRecord(header.unit()));
    }
}
