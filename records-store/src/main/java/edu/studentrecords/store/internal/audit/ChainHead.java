package edu.studentrecords.store.internal.audit;

import edu.studentrecords.store.audit.AuditEntry;

/** The last entry of a chain as far as someone knows it: its sequence (0 for an empty chain) and hash. */
record ChainHead(long sequence, String hash) {

    static final ChainHead EMPTY = new ChainHead(0, AuditEntry.GENESIS_HASH);

    static ChainHead of(AuditEntry entry) {
        return new ChainHead(entry.sequence(), entry.hash());
    }

    ChainHead later(ChainHead other) {
        return other.sequence > sequence ? other : this;
    }
}
