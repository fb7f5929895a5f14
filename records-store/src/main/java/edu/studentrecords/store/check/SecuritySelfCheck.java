package edu.studentrecords.store.check;

import edu.studentrecords.store.access.AccessContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The periodic security check of rule 7.3: the audit chain intact, expired grants closed, unusual reading (one person
 * or client reading more records in an hour than the realm allows, or reading outside the workday), overdue
 * verifications, change feed entries the search index could not take. Findings name people and clients by id, never
 * students. A run on request is the duty
 * {@code SUPERVISE} (supervisors and administrators), decided by the gate and audited once as {@code SELF_CHECK}.
 * Thread-safe.
 */
public interface SecuritySelfCheck {

    /**
     * Runs a check on request of a supervisor or administrator.
     *
     * @param extra findings only the caller can make (Keycloak clients and accounts), added to the report
     */
    SelfCheckReport run(AccessContext ctx, CheckSettings settings, List<Finding> extra);

    /**
     * Runs the scheduled check due at {@code now}, recorded in the audit trail as the system's, unless a scheduled
     * check was already run within {@code every} before it, on this node or any other: one run per period per cluster.
     *
     * @param now   the instant of the run
     * @param every the period of the schedule
     * @return the report, or empty when this period's run was already claimed
     */
    Optional<SelfCheckReport> runScheduled(Instant now, Duration every, CheckSettings settings, List<Finding> extra);

    /** The report of the last run, if any; audited as {@code SELF_CHECK_READ}. */
    Optional<SelfCheckReport> latest(AccessContext ctx);
}
