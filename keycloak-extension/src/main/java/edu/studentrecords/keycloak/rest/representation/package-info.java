/**
 * What requests send and responses answer, one {@code *Representation} per kind of body, mapped to JSON by
 * {@link edu.studentrecords.keycloak.rest.representation.JsonBodies}. They hold values and checks of shape only; the
 * store validates and decides. Their {@code toString()} never prints personal data.
 */
package edu.studentrecords.keycloak.rest.representation;
