/**
 * Errors as {@code application/problem+json}: the body ({@link edu.studentrecords.keycloak.rest.problem.Problem}), its
 * stable types ({@link edu.studentrecords.keycloak.rest.problem.ProblemType}), the refusals of the API itself
 * ({@link edu.studentrecords.keycloak.rest.problem.BadRequest}) and the one mapping of every other failure
 * ({@link edu.studentrecords.keycloak.rest.problem.ProblemMapper}).
 */
package edu.studentrecords.keycloak.rest.problem;
