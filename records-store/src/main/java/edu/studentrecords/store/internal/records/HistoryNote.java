package edu.studentrecords.store.internal.records;

import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.AccessDecision;
import edu.studentrecords.store.audit.AuditOperation;
import edu.studentrecords.store.history.ChangedBy;

/**
 * What a record's history keeps of the call that changed it, besides the values: the call's audit operation, who made
 * it and the purpose declared.
 *
 * @param operation the audit operation code
 * @param by        who
 * @param purpose   the declared purpose, or null
 */
record HistoryNote(String operation, ChangedBy by, String purpose) {

    /** The footing of a step the store took by itself. */
    static final String SYSTEM = "SYSTEM";

    /**
     * A change by the caller of {@code ctx}, let through on {@code allowed}; staff are described by the unit of the
     * record they changed ({@code unit}), as the access log does not name people either.
     */
    static HistoryNote of(AccessContext ctx, AccessDecision.Allowed allowed, AuditOperation operation, String unit) {
        AccessDecision.Basis basis = allowed.basis();
        return new HistoryNote(operation.code(), new ChangedBy(basis.name(),
                basis == AccessDecision.Basis.STAFF ? unit : null, ctx.subject(), ctx.clientId(), ctx.impersonator()),
                ctx.purpose());
    }

    /** A step the store took on behalf of {@code clientId} (e.g. {@code system:user-removed}). */
    static HistoryNote system(String clientId, AuditOperation operation) {
        return new HistoryNote(operation.code(), new ChangedBy(SYSTEM, null, null, clientId, null), null);
    }
}
