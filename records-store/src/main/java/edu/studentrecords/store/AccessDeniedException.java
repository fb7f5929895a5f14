package edu.studentrecords.store;

import edu.studentrecords.store.access.AccessDecision;

/** The access decision refused the operation, visibly (HTTP 403). Refusals that must hide the record are {@link RecordNotFoundException}. */
public final class AccessDeniedException extends RecordStoreException {

    private static final long serialVersionUID = 1L;

    private final transient AccessDecision.Denied decision;

    public AccessDeniedException(AccessDecision.Denied decision) {
        super(decision.reason().description());
        this.decision = decision;
    }

    /** The refusal, with its stable reason code. */
    public AccessDecision.Denied decision() {
        return decision;
    }
}
