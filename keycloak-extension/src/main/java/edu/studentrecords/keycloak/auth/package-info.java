/**
 * Who is calling: the bearer token of an API request verified
 * ({@link edu.studentrecords.keycloak.auth.BearerAuthentication}) and turned into the access context the store
 * decides on ({@link edu.studentrecords.keycloak.auth.AccessContextMapping}), the CORS policy of the API, the
 * self-service context of a student signing in, and who can reach a record as Keycloak's roles and clients say.
 * Nothing here decides an access: the store does.
 */
package edu.studentrecords.keycloak.auth;
