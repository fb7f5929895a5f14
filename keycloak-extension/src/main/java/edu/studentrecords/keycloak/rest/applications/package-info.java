/**
 * {@code /applications}: the realm's clients as the centre manages them, their trust, purposes, units and
 * {@code student.*} scopes, changed through Keycloak's own model.
 */
package edu.studentrecords.keycloak.rest.applications;
