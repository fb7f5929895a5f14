package edu.studentrecords.store.audit;

import java.util.Objects;

/**
 * An entry of the chain as it was written down outside the store's database (in Keycloak's database, in a node's
 * append-only file): where, its sequence and hash, and the epoch whose checkpoint it is (null for a mark of the head).
 * A fresh verify compares each with the chain. Immutable.
 *
 * @param place where it was kept, e.g. {@code keycloak-database} or {@code node-file}
 * @param sequence the anchored entry's sequence, at least 1
 * @param hash the anchored entry's hash
 * @param epoch the epoch it seals, or null
 */
public record ExternalAnchor(String place, long sequence, String hash, Long epoch) {

    public ExternalAnchor {
        Objects.requireNonNull(place, "place");
        Objects.requireNonNull(hash, "hash");
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence must be positive");
        }
    }
}
