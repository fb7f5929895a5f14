/**
 * Guardians: accounts of parents and guardians linked to the guardian entries of minors' records, and what a guardian
 * does for a linked child under 18 (read the record, change contact and guardians, read the access log, ask for
 * corrections, report misuse, give or withdraw consents under 14).
 */
package edu.studentrecords.store.guardians;
