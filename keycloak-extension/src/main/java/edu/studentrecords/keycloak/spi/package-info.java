/**
 * The {@code student-records} SPI: {@link edu.studentrecords.keycloak.spi.StudentRecordsProvider} gives request code
 * the record store and search index of a realm. Its default factory reads the SPI options once
 * ({@link edu.studentrecords.keycloak.spi.StudentRecordsOptions}), owns the node's MongoDB client, the per-realm
 * stores and indexes and the backup worker, and registers the realm lifecycle and the scheduled jobs; providers only
 * borrow them.
 */
package edu.studentrecords.keycloak.spi;
