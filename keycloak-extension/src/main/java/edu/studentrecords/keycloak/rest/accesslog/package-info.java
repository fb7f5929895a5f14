/**
 * The bodies of {@code GET /me/access-log} and {@code GET /guardian/children/{recordId}/access-log}: who each entry's
 * actor was to the reader (the reader, the student, a guardian, staff by role and unit, an application by name), and
 * the {@code who} and {@code purpose} filters applied to the whole log.
 */
package edu.studentrecords.keycloak.rest.accesslog;
