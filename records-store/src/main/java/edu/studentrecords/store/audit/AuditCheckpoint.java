package edu.studentrecords.store.audit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What seals one closed epoch of the audit chain: its sequence range, how many entries it holds, the hash it continues
 * from and the hash of its last entry, the times of its first and last entries, and when it was sealed. Signed with
 * the realm's key, it lets anyone check an exported epoch, or the first kept entry after dropped epochs, with the
 * realm's public key alone.
 *
 * <p>Immutable and thread-safe. Hashes are 64 lowercase hexadecimal characters; nothing here names a person.
 *
 * @param epoch the epoch's number, from 1
 * @param firstSequence the sequence of its first entry
 * @param lastSequence the sequence of its last entry
 * @param entryCount {@code lastSequence - firstSequence + 1}
 * @param previousHash the hash of the entry before the first ({@link AuditEntry#GENESIS_HASH} for epoch 1)
 * @param headHash the hash of its last entry
 * @param firstTime the time of its first entry
 * @param lastTime the time of its last entry
 * @param sealedAt when it was sealed
 */
public record AuditCheckpoint(long epoch, long firstSequence, long lastSequence, long entryCount, String previousHash,
        String headHash, Instant firstTime, Instant lastTime, Instant sealedAt) {

    /** The {@code typ} of a signed checkpoint. */
    public static final String TYPE = "audit-checkpoint+jwt";

    public AuditCheckpoint {
        if (epoch < 1 || firstSequence < 1 || lastSequence < firstSequence) {
            throw new IllegalArgumentException("an epoch holds at least one entry");
        }
        if (entryCount != lastSequence - firstSequence + 1) {
            throw new IllegalArgumentException("entryCount does not match the range");
        }
        Objects.requireNonNull(previousHash, "previousHash");
        Objects.requireNonNull(headHash, "headHash");
        Objects.requireNonNull(firstTime, "firstTime");
        Objects.requireNonNull(lastTime, "lastTime");
        Objects.requireNonNull(sealedAt, "sealedAt");
    }

    /** The claims that are signed, in a fixed order: what an offline check reads back. */
    public Map<String, Object> claims() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("epoch", epoch);
        claims.put("firstSequence", firstSequence);
        claims.put("lastSequence", lastSequence);
        claims.put("entryCount", entryCount);
        claims.put("previousHash", previousHash);
        claims.put("headHash", headHash);
        claims.put("firstTime", firstTime.toString());
        claims.put("lastTime", lastTime.toString());
        claims.put("sealedAt", sealedAt.toString());
        return claims;
    }
}
