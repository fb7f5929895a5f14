/**
 * The host of the information management centre's screens: the page and its built assets, served below
 * {@code /realms/{realm}/student-records/centre/} under a strict content security policy.
 */
package edu.studentrecords.keycloak.centre;
