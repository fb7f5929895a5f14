/**
 * {@code /incidents}: the centre's incidents (PIPL art. 57), with the records they affected, their remediation
 * timeline, the notification of the students affected and the regulator's report.
 */
package edu.studentrecords.keycloak.rest.incidents;
