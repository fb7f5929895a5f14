/**
 * Work off the request path: the daily retention run and the security self-check, scheduled on one node at a time,
 * the backups and restores the centre starts, and what Keycloak adds to them (signed destruction certificates, the
 * self-check's findings about clients and administrators).
 */
package edu.studentrecords.keycloak.jobs;
