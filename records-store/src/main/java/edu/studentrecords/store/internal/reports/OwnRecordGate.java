package edu.studentrecords.store.internal.reports;

import edu.studentrecords.store.OwnRecord;
import edu.studentrecords.store.access.AccessContext;

/**
 * The store's one decision path for self service on the caller's own record, seen from a feature that keeps data
 * of its own about the record: decides, appends the decision to the audit trail under {@code auditCode}, and
 * returns the record only when allowed (it throws what the store throws otherwise).
 */
@FunctionalInterface
public interface OwnRecordGate {

    OwnRecord decide(AccessContext ctx, String auditCode);
}
