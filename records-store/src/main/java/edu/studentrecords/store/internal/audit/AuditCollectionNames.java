package edu.studentrecords.store.internal.audit;

import java.util.Objects;
import java.util.Set;

/**
 * The collections an audit trail keeps: the chain itself, the anchor, the per-record history index, the sealed
 * epochs and the log feed's position.
 * Immutable.
 *
 * @param entries the chain, one document per entry, {@code _id} = sequence number
 * @param anchor the single anchor document
 * @param byRecord the per-record history index
 * @param epochs the sealed epochs' checkpoints, one document per epoch
 * @param feed the log feed's position and lease
 */
public record AuditCollectionNames(String entries, String anchor, String byRecord, String epochs, String feed) {

    /**
     * {@code audit_entries}, {@code audit_anchor}, {@code audit_by_record}, {@code audit_epochs},
     * {@code audit_feed}.
     */
    public static final AuditCollectionNames DEFAULTS =
            new AuditCollectionNames("audit_entries", "audit_anchor", "audit_by_record");

    public AuditCollectionNames {
        Objects.requireNonNull(entries, "entries");
        Objects.requireNonNull(anchor, "anchor");
        Objects.requireNonNull(byRecord, "byRecord");
        Objects.requireNonNull(epochs, "epochs");
        Objects.requireNonNull(feed, "feed");
        if (Set.of(entries, anchor, byRecord, epochs, feed).size() != 5) {
            throw new IllegalArgumentException("the collections must differ");
        }
    }

    /** The three collections of the chain, with the default collections of epochs and of the log feed. */
    public AuditCollectionNames(String entries, String anchor, String byRecord) {
        this(entries, anchor, byRecord, "audit_epochs", "audit_feed");
    }
}
