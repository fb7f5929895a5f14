/**
 * The audit trail's epochs on the Keycloak side: checkpoints and exports signed with the realm's key, the anchors kept
 * outside the record store (in Keycloak's database and in an append-only file on each node), the timer that seals
 * epochs and feeds the log, and the trail's own retention.
 */
package edu.studentrecords.keycloak.audit;
