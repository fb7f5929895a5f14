package edu.studentrecords.store.retention;

/**
 * The result of re-checking an archive.
 *
 * @param sha256 hex SHA-256 of the sealed bytes as stored now
 * @param intact whether it equals the hash taken when the archive was made and the bytes open under the record's key
 */
public record ArchiveVerification(String sha256, boolean intact) {
}
