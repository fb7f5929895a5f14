package edu.studentrecords.store.grants;

import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.Grant;
import edu.studentrecords.store.audit.AuditEntry;
import java.util.List;
import java.util.function.Predicate;

/**
 * Access grants for outside bodies (rule 3.2): requested by one administrator with the signed confidentiality
 * agreement, approved by another, revoked at any time. Every call is the duty {@code MANAGE_GRANTS}, decided by the
 * gate and audited once, naming the grant, before it acts. Access contexts read a client's grants through
 * {@link #ofClient} on every request, so approval, expiry and revocation work on the very next request. Thread-safe.
 */
public interface AccessGrants {

    /** The largest agreement file accepted. */
    int MAX_AGREEMENT_BYTES = 10 * 1024 * 1024;

    /**
     * Records a grant request and its agreement file; the grant opens nothing until a second administrator approves.
     *
     * @param externalClient whether a client id names an external client of the realm (only those need grants)
     * @throws edu.studentrecords.store.StoreException {@code REFUSED}, or {@code INVALID} naming every problem of the
     *     request (nothing is stored then)
     */
    StoredGrant request(AccessContext ctx, GrantRequest request, Predicate<String> externalClient);

    /**
     * Approves a pending grant; the approver must be another administrator than the requester.
     *
     * @throws edu.studentrecords.store.StoreException {@code NOT_FOUND}, {@code REFUSED} (code {@code FOUR_EYES}),
     *     {@code CONFLICT} (not pending, or expired already; the code is the state)
     */
    StoredGrant approve(AccessContext ctx, String grantId);

    /** Revokes a grant, approved or not; it opens nothing from the next request on. {@code CONFLICT} when revoked. */
    StoredGrant revoke(AccessContext ctx, String grantId);

    /** Every grant of the realm, newest first. */
    List<StoredGrant> list(AccessContext ctx);

    /** One grant. */
    StoredGrant get(AccessContext ctx, String grantId);

    /** The signed agreement file of a grant, with the grant it belongs to. */
    Agreement agreement(AccessContext ctx, String grantId);

    /**
     * The audit entries that name the grant, newest first: its request, approval and revocation, and every access to
     * a record it opened (or was refused under it).
     */
    List<AuditEntry> history(AccessContext ctx, String grantId, int offset, int limit);

    /**
     * The grants of one client, whatever their state, for building that client's access context: the decision itself
     * keeps only those active at the request's instant. Decides nothing, so it is not audited.
     */
    List<Grant> ofClient(String clientId);

    /** An agreement file as it was uploaded. */
    record Agreement(StoredGrant grant, byte[] content) {
    }
}
