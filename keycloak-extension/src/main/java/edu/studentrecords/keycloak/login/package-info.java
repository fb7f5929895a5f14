/**
 * What runs when a student signs in or a token is issued: the periodic verification required action and its page,
 * the student number and enrolment status claims, and the last sign-in of administrators kept for the self-check.
 */
package edu.studentrecords.keycloak.login;
