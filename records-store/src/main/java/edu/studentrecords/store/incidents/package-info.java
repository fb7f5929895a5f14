/**
 * Incidents (PIPL art. 57): personal information leaked, altered or lost. The centre opens one with a scope (a client,
 * a user, or both, over a time window, optionally some field groups); the store works out from the audit trail which
 * records the scope read, searched or changed, keeps the remediation steps on a timeline, starts the notification of
 * every affected student and gives the regulator's report. Filing the report is the school's own act.
 */
package edu.studentrecords.store.incidents;
