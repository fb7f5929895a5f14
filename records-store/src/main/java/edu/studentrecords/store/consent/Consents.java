package edu.studentrecords.store.consent;

import edu.studentrecords.store.access.AccessContext;
import java.util.List;

/**
 * The consent ledger. Under 14 a student's consents are given and withdrawn by a linked guardian only, from 14 by the
 * student only; every change is appended, nothing is ever rewritten. Every call passes the gate and leaves one audit
 * entry under the student's record. Thread-safe.
 */
public interface Consents {

    /** The caller's own consents for each of {@code purposes} (a student, self service). */
    List<ConsentState> own(AccessContext ctx, List<ConsentPurpose> purposes);

    /**
     * Gives or withdraws the caller's own consent for the purpose {@code purposeId} among {@code purposes} (a student of
     * 14 or more; under 14: refused); {@code NOT_FOUND} for a purpose the realm does not have.
     */
    ConsentState setOwn(AccessContext ctx, List<ConsentPurpose> purposes, String purposeId, boolean given);

    /** A linked child's consents (a guardian). */
    List<ConsentState> ofChild(AccessContext ctx, String recordId, List<ConsentPurpose> purposes);

    /** As {@link #setOwn}, for a linked child (a guardian, for a child under 14; from 14: refused). */
    ConsentState setForChild(AccessContext ctx, String recordId, List<ConsentPurpose> purposes, String purposeId,
            boolean given);

    /**
     * The ledger (the centre, duty {@code READ_CONSENTS}): every student's consent for each of {@code purposes} that has
     * a history, with that history, filtered by {@code status} when not null ({@link ConsentStatus#NONE} lists nothing:
     * the ledger holds only what was given or withdrawn).
     */
    List<ConsentState> ledger(AccessContext ctx, List<ConsentPurpose> purposes, ConsentStatus status);

    /**
     * Whether the consent of the student of record {@code recordId} for {@code purpose} is given now: the fact a grant
     * relying on consent is decided on, looked up by key at each request. Not audited (the call it serves is).
     */
    boolean isGiven(String recordId, String purpose);
}
