/**
 * {@code /audit/stats}: supervision's counts of the reads of records over time, per client or purpose, from the audit
 * trail (counts only, never record contents).
 */
package edu.studentrecords.keycloak.rest.supervision;
