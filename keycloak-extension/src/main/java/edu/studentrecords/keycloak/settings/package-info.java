/**
 * The realm's student-records settings, kept as realm attributes: read with their defaults, validated as a whole and
 * written by {@code PUT /settings}, and read by the self-check and the verification action.
 */
package edu.studentrecords.keycloak.settings;
