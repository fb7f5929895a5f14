package edu.studentrecords.store.grants;

import edu.studentrecords.store.RecordStoreException;

/** The grant is not in a state that allows the change (approving an approved or revoked grant, revoking twice). */
public final class GrantStateException extends RecordStoreException {

    private static final long serialVersionUID = 1L;

    private final GrantState state;

    public GrantStateException(GrantState state) {
        super("the grant is " + state);
        this.state = state;
    }

    /** The grant's state when the change was refused. */
    public GrantState state() {
        return state;
    }
}
