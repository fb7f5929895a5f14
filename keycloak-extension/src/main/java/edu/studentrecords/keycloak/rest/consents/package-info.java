/** The consent ledger: a student's or a guardian's consents, and the centre's view of the ledger. */
package edu.studentrecords.keycloak.rest.consents;
