package edu.studentrecords.store.internal.gate;

import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.StoreException.Subject;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.AccessDecision;
import edu.studentrecords.store.access.AccessPolicy;
import edu.studentrecords.store.access.AccessTarget;
import edu.studentrecords.store.access.DenialReason;
import edu.studentrecords.store.access.Operation;
import edu.studentrecords.store.audit.AuditOperation;
import edu.studentrecords.store.internal.mongo.RecordHeader;
import edu.studentrecords.store.model.FieldGroup;
import java.util.Optional;
import java.util.Set;

/** The gate's decisions on destruction: each step of a purge request. Part of {@link RecordGate}. Thread-safe. */
final class PurgeGate {

    private final AccessPolicy policy;
    private final AuditWriter audit;
    private final RecordLookup lookup;

    PurgeGate(AccessPolicy policy, AuditWriter audit, RecordLookup lookup) {
        this.policy = policy;
        this.audit = audit;
        this.lookup = lookup;
    }

    /**
     * Decides a purge step on a record (file, approve, cancel a request), or on no record in particular when
     * {@code recordId} is null (listing requests). A refusal is audited under {@code operation} and thrown; one that
     * must hide the record is "not found" of {@code hidden} (for a listing, which names no record, every refusal is a
     * 403).
     */
    PurgePass purge(AccessContext ctx, AuditOperation operation, String recordId, Subject hidden) {
        Optional<RecordHeader> header = lookup.header(recordId);
        AccessTarget target = header.map(RecordGate::target)
                .orElseGet(() -> recordId == null ? new AccessTarget("purge-requests", null, RecordGate.NOWHERE)
                        : RecordGate.nowhere(recordId));
        AccessDecision decision = policy.decide(ctx, Operation.PURGE, target, FieldGroup.ALL);
        if (decision instanceof AccessDecision.Denied denied) {
            audit.decision(ctx, operation, recordId, denied, Set.of());
            if (denied.visibility() == AccessDecision.Visibility.FORBIDDEN) {
                throw StoreException.refused(denied);
            }
            throw recordId == null
                    ? StoreException.refused(new AccessDecision.Denied(DenialReason.OPERATION_REQUIRES_ADMIN,
                            AccessDecision.Visibility.FORBIDDEN))
                    : StoreException.notFound(hidden);
        }
        return new PurgePass(new Pass(audit, ctx, operation), header);
    }
}
