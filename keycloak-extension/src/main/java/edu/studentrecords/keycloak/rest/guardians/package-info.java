/**
 * Guardians: the centre's links of guardian accounts to minors' records ({@code /records/{id}/guardian-links}), and
 * a guardian's calls for a linked child ({@code /guardian/children}).
 */
package edu.studentrecords.keycloak.rest.guardians;
