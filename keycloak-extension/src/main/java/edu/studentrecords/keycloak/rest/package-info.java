/**
 * The REST API at {@code /realms/{realm}/student-records}. The root resource locates one resource per collection
 * ({@code *Resource}); every endpoint runs through the request's {@link edu.studentrecords.keycloak.rest.RequestPipeline}
 * (authenticate, CORS, run, map failures to problems) and receives a
 * {@link edu.studentrecords.keycloak.rest.RequestContext}. Endpoints read their input through
 * {@link edu.studentrecords.keycloak.rest.RequestParameters} and the representations, call the store with the
 * caller's access context and answer representations; the store decides and audits. (Two resources still check a
 * duty themselves, settings and backups, until the store decides duties too.)
 */
package edu.studentrecords.keycloak.rest;
