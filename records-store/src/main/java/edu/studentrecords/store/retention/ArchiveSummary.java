package edu.studentrecords.store.retention;

import java.time.Instant;

/**
 * What is known about a record's sealed archive without opening it.
 *
 * @param recordId     the archived record
 * @param sha256       hex SHA-256 of the sealed bytes, taken when the archive was made
 * @param createdAt    when it was made
 * @param size         the sealed bytes' length
 * @param destroyAfter when the record and its archive may be destroyed under the realm's current policy
 */
public record ArchiveSummary(String recordId, String sha256, Instant createdAt, long size, Instant destroyAfter) {
}
