/**
 * The API's description for the people who build campus applications: its OpenAPI 3.1 document, served as JSON at
 * {@code /realms/{realm}/student-records/openapi.json} with the realm's own addresses, and rendered for people below
 * {@code .../api-docs/} under the centre's strict content security policy.
 */
package edu.studentrecords.keycloak.apidocs;
