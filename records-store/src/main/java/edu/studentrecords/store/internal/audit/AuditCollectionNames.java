package edu.studentrecords.store.internal.audit;

import java.util.Objects;
import java.util.Set;

/**
 * The collections an audit trail keeps: the chain itself, the anchor, and the per-record history index.
 * Immutable.
 *
 * @param entries the chain, one document per entry, {@code _id} = sequence number
 * @param anchor the single anchor document
 * @param byRecord the per-record history index
 */
public record AuditCollectionNames(String entries, String anchor, String byRecord) {

    /** {@code audit_entries}, {@code audit_anchor}, {@code audit_by_record}. */
    public static final AuditCollectionNames DEFAULTS =
            new AuditCollectionNames("audit_entries", "audit_anchor", "audit_by_record");

    public AuditCollectionNames {
        Objects.requireNonNull(entries, "entries");
        Objects.requireNonNull(anchor, "anchor");
        Objects.requireNonNull(byRecord, "byRecord");
        if (Set.of(entries, anchor, byRecord).size() != 3) {
            throw new IllegalArgumentException("the three collections must differ");
        }
    }
}
