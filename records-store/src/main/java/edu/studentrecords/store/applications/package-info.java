/**
 * Which campus applications may reach which parts of a record: a client's trust, purposes, units and {@code student.*}
 * scopes, kept in Keycloak and changed by administrators through the store's gate. A change that makes an application
 * less protected waits for a second administrator.
 */
package edu.studentrecords.store.applications;
