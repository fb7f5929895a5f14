package edu.studentrecords.store.internal.gate;

import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.AccessDecision;
import edu.studentrecords.store.access.ClientTrust;
import edu.studentrecords.store.access.SearchScope;
import edu.studentrecords.store.audit.AuditEvent;
import edu.studentrecords.store.audit.AuditOperation;
import edu.studentrecords.store.audit.AuditReason;
import edu.studentrecords.store.audit.AuditTrail;
import edu.studentrecords.store.audit.Decision;
import edu.studentrecords.store.model.FieldGroup;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes the gate's decisions to the audit trail, in the shape the trail keeps: ids and codes only. A record id that a
 * caller typed and that is not of the store's form is not kept (it could be anything, personal data included); the
 * entry says so instead. Only the gate and its passes write through it. Thread-safe.
 */
final class AuditWriter {

    /** The client id under which work of the store itself is recorded. */
    static final String SYSTEM_CLIENT = AuditEvent.SYSTEM_CLIENT;

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
    private static final Pattern RECORD_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** What became of an allowed call about one record: done when {@code reason} is null. */
    record Outcome(String recordId, AuditReason reason) {
    }

    private final AuditTrail trail;

    AuditWriter(AuditTrail trail) {
        this.trail = trail;
    }

    /**
     * Appends a decision of the access policy under {@code operation}: allowed with {@code touched} (the groups the
     * call touches, which for a look-up that returns no record content is none) and the grant relied on, or refused
     * with the policy's reason. Returns once the entry is durable.
     */
    void decision(AccessContext ctx, AuditOperation operation, String recordId, AccessDecision decision,
            Set<FieldGroup> touched) {
        if (decision instanceof AccessDecision.Allowed allowed) {
            append(ctx, operation, recordId, List.of(), touched, allowed.grantId(), Decision.ALLOW, null);
        } else {
            AccessDecision.Denied denied = (AccessDecision.Denied) decision;
            append(ctx, operation, recordId, List.of(), Set.of(), null, Decision.DENY, denied.reason().name());
        }
    }

    /**
     * Appends an entry that is not simply a decision of the policy: an allowed call's outcome, or a refusal for a
     * reason outside the policy (the approver of a purge is its requester, a request that does not exist).
     */
    void event(AccessContext ctx, AuditOperation operation, String recordId, List<String> recordIds,
            Set<FieldGroup> groups, String grantId, Decision decision, String reason) {
        append(ctx, operation, recordId, recordIds, groups, grantId, decision, reason);
    }

    /**
     * Appends the decision on a search: refused with the scope's reason, or allowed with the profile groups hits carry
     * and the ids of the records returned (the page the caller receives, not everything that matched).
     */
    void search(AccessContext ctx, SearchScope scope, List<String> returnedIds, AuditReason reason) {
        if (scope instanceof SearchScope.Matching matching) {
            append(ctx, AuditOperation.SEARCH, null, returnedIds, matching.groups(), null, Decision.ALLOW,
                    reason == null ? null : reason.code());
        } else {
            SearchScope.Refused refused = (SearchScope.Refused) scope;
            append(ctx, AuditOperation.SEARCH, null, List.of(), Set.of(), null, Decision.DENY, refused.reason().name());
        }
    }

    /** Appends a step the store takes by itself (no person, no purpose), under the store's own client id. */
    void system(AuditOperation operation, String recordId, AuditReason reason, Instant now) {
        append(system(now), operation, recordId, List.of(), Set.of(), null, Decision.ALLOW,
                reason == null ? null : reason.code());
    }

    /** Appends a step the system takes under a client id of its own, e.g. {@code system:user-removed}. */
    void systemAs(String clientId, AuditOperation operation, String recordId, AuditReason reason, Instant now) {
        AccessContext ctx = AccessContext.builder().serviceAccount(true).clientId(clientId)
                .clientTrust(ClientTrust.INTERNAL).now(now).build();
        append(ctx, operation, recordId, List.of(), Set.of(), null, Decision.ALLOW, reason == null ? null : reason.code());
    }

    private static AccessContext system(Instant now) {
        return AccessContext.builder().serviceAccount(true).clientId(SYSTEM_CLIENT).clientTrust(ClientTrust.INTERNAL)
                .now(now).build();
    }

    /**
     * Appends the allowed entries of one call about several records (a file of enrolments), in order and written
     * together.
     */
    void allowedAll(AccessContext ctx, AuditOperation operation, List<Outcome> outcomes, Set<FieldGroup> groups,
            String grantId) {
        List<AuditEvent> events = new ArrayList<>(outcomes.size());
        outcomes.forEach(outcome -> events.add(entryOf(ctx, operation, outcome.recordId(), List.of(), groups, grantId,
                Decision.ALLOW, outcome.reason() == null ? null : outcome.reason().code())));
        trail.appendAll(events);
        events.forEach(event -> ctx.ledger().entryAppended());
    }

    private void append(AccessContext ctx, AuditOperation operation, String recordId, List<String> recordIds,
            Set<FieldGroup> groups, String grantId, Decision decision, String reason) {
        trail.append(entryOf(ctx, operation, recordId, recordIds, groups, grantId, decision, reason));
        ctx.ledger().entryAppended();
    }

    private static AuditEvent entryOf(AccessContext ctx, AuditOperation operation, String recordId,
            List<String> recordIds, Set<FieldGroup> groups, String grantId, Decision decision, String reason) {
        boolean wellFormed = recordId == null || RECORD_ID.matcher(recordId).matches();
        // The purpose is a header the caller typed: keep it only when it has the shape of a purpose code.
        String purpose = ctx.purpose() != null && CODE.matcher(ctx.purpose()).matches() ? ctx.purpose() : null;
        return new AuditEvent(ctx.subject(), ctx.clientId(), purpose, grantId,
                wellFormed ? recordId : null, recordIds, groups, operation.code(), decision,
                wellFormed ? reason : AuditReason.MALFORMED_RECORD_ID.code(), ctx.impersonator());
    }
}
