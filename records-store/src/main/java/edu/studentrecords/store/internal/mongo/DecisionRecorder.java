package edu.studentrecords.store.internal.mongo;

import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.AccessDecision;
import edu.studentrecords.store.access.Operation;
import edu.studentrecords.store.access.SearchScope;
import edu.studentrecords.store.audit.AuditEvent;
import edu.studentrecords.store.audit.AuditTrail;
import edu.studentrecords.store.audit.Decision;
import edu.studentrecords.store.model.FieldGroup;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes access decisions to the audit trail, in the shape the trail keeps: ids and codes only. A record
 * id that a caller typed and that is not of the store's form is not kept (it could be anything, personal
 * data included); the entry says so instead. Thread-safe.
 */
public final class DecisionRecorder {

    /** Reason recorded when a record does not exist. */
    public static final String RECORD_NOT_FOUND = "RECORD_NOT_FOUND";
    /** Reason recorded when an allowed search failed and returned nothing. */
    public static final String SEARCH_FAILED = "SEARCH_FAILED";

    /** The client id under which scheduled work of the store itself is recorded. */
    public static final String SYSTEM_CLIENT = "student-records";

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
    private static final Pattern RECORD_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final AuditTrail trail;

    public DecisionRecorder(AuditTrail trail) {
        this.trail = trail;
    }

    /** Appends the decision; returns once it is durable. */
    public void record(AccessContext ctx, Operation operation, String recordId, AccessDecision decision) {
        if (decision instanceof AccessDecision.Allowed allowed) {
            append(ctx, operation.name(), recordId, List.of(), allowed.groups(), allowed.grantId(), Decision.ALLOW, null);
        } else {
            AccessDecision.Denied denied = (AccessDecision.Denied) decision;
            append(ctx, operation.name(), recordId, List.of(), Set.of(), null, Decision.DENY, denied.reason().name());
        }
    }

    /** Appends a refusal because the record does not exist (to the caller, the same as not being allowed to know of it). */
    public void recordMissing(AccessContext ctx, Operation operation, String recordId) {
        append(ctx, operation.name(), recordId, List.of(), Set.of(), null, Decision.DENY, RECORD_NOT_FOUND);
    }

    /** Appends an outcome that follows an allowed decision (e.g. a write refused as stale) under the same operation. */
    public void recordOutcome(AccessContext ctx, Operation operation, String recordId, Set<FieldGroup> groups, String outcome) {
        append(ctx, operation.name(), recordId, List.of(), groups, null, Decision.ALLOW, outcome);
    }

    /**
     * Appends a decision under an operation code of its own (e.g. a student reading their access log), with the
     * groups actually touched rather than those the decision opened: a look-up that returns no record content
     * must not read as a read of the record's groups.
     */
    public void recordAs(AccessContext ctx, String operationCode, String recordId, AccessDecision decision,
            Set<FieldGroup> touched) {
        if (decision instanceof AccessDecision.Allowed allowed) {
            append(ctx, operationCode, recordId, List.of(), touched, allowed.grantId(), Decision.ALLOW, null);
        } else {
            AccessDecision.Denied denied = (AccessDecision.Denied) decision;
            append(ctx, operationCode, recordId, List.of(), Set.of(), null, Decision.DENY, denied.reason().name());
        }
    }

    /**
     * Appends a decision about one of the centre's duties (no record content involved), under an operation code of
     * its own; {@code grantId} names the grant acted on, if any.
     */
    public void recordDuty(AccessContext ctx, String operationCode, String grantId, Decision decision, String reason) {
        append(ctx, operationCode, null, List.of(), Set.of(), grantId, decision, reason);
    }

    /**
     * Appends a decision about one of the centre's duties that concerns a record without reading its content (a
     * supervisor reading its audit history); {@code recordId} may be null.
     */
    public void recordDutyOn(AccessContext ctx, String operationCode, String recordId, Decision decision, String reason) {
        append(ctx, operationCode, recordId, List.of(), Set.of(), null, decision, reason);
    }

    /**
     * Appends the decision on a search: refused with the scope's reason, or allowed with the profile groups hits
     * carry and the ids of the records returned (the page the caller receives, not everything that matched).
     */
    public void recordSearch(AccessContext ctx, SearchScope scope, List<String> returnedIds) {
        if (scope instanceof SearchScope.Matching matching) {
            append(ctx, Operation.SEARCH.name(), null, returnedIds, matching.groups(), null, Decision.ALLOW, null);
        } else {
            SearchScope.Refused refused = (SearchScope.Refused) scope;
            append(ctx, Operation.SEARCH.name(), null, List.of(), Set.of(), null, Decision.DENY,
                    refused.reason().name());
        }
    }

    /** Appends an allowed search that failed before it returned anything, so the call still leaves its one entry. */
    public void recordFailedSearch(AccessContext ctx, SearchScope.Matching scope) {
        append(ctx, Operation.SEARCH.name(), null, List.of(), scope.groups(), null, Decision.ALLOW, SEARCH_FAILED);
    }

    /**
     * Appends an entry under an operation code of its own that is not simply an access decision: a refusal for a
     * reason outside the access policy (e.g. the approver of a purge is its requester), an outcome, or a step the
     * system takes by itself. {@code reason} is a code; {@code recordIds} lists the records an answer names.
     */
    public void recordEvent(AccessContext ctx, String operationCode, String recordId, List<String> recordIds,
            Decision decision, String reason) {
        append(ctx, operationCode, recordId, recordIds, Set.of(), null, decision, reason);
    }

    /** Appends what the system itself did on a schedule (no person, no purpose), under the store's own client id. */
    public void recordSystem(String operationCode) {
        trail.append(new AuditEvent(null, SYSTEM_CLIENT, null, null, null, List.of(), Set.of(), operationCode,
                Decision.ALLOW, null));
    }

    private void append(AccessContext ctx, String operation, String recordId, List<String> recordIds,
            Set<FieldGroup> groups, String grantId, Decision decision, String reason) {
        boolean wellFormed = recordId == null || RECORD_ID.matcher(recordId).matches();
        // The purpose is a header the caller typed: keep it only when it has the shape of a purpose code.
        String purpose = ctx.purpose() != null && CODE.matcher(ctx.purpose()).matches() ? ctx.purpose() : null;
        trail.append(new AuditEvent(ctx.subject(), ctx.clientId(), purpose, grantId,
                wellFormed ? recordId : null, recordIds, groups, operation, decision,
                wellFormed ? reason : "MALFORMED_RECORD_ID"));
    }
}
