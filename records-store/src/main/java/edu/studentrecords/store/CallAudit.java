package edu.studentrecords.store;

import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.audit.AuditOperation;
import edu.studentrecords.store.audit.AuditReason;

/**
 * The audit entry of a call the store's services did not record themselves: refused by the API for its input before it
 * reached a service (a body that is not JSON, a missing {@code If-Match}, a media type the call does not take, a
 * browser origin the client does not allow), or failed before its entry was written. Either way the call leaves
 * exactly one entry: nothing is appended for a call that has one already ({@link AccessContext#ledger()}). Thread-safe.
 */
public interface CallAudit {

    /**
     * Records a call refused for its input.
     *
     * @param recordId the record the call names, or null (a student's call through self service is recorded under
     *                 their own record, so that it is on their access log)
     */
    void refused(AccessContext ctx, AuditOperation operation, String recordId, AuditReason reason);

    /**
     * Records a call that was allowed to be tried but did not go ahead for what it asked (invalid, stale, a
     * conflict), refused before the service recorded it.
     */
    void notDone(AccessContext ctx, AuditOperation operation, String recordId, AuditReason reason);

    /** Records a call that failed before it left an entry: allowed to be tried, not done. */
    void failed(AccessContext ctx, AuditOperation operation, String recordId);
}
