package edu.studentrecords.store.internal.mongo;

/**
 * What the access decision needs of a stored record, read without decrypting anything.
 *
 * @param id           record id
 * @param version      current version
 * @param ownerSubject linked Keycloak user id, or {@code null}
 * @param unit         organisational unit path
 */
public record RecordHeader(String id, long version, String ownerSubject, String unit) {
}
