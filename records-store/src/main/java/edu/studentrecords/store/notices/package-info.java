/**
 * Notices of changes (GDPR art. 19, PIPL art. 46): when a field group of a record changes, every application and
 * outside body that read that group of that record in the last 180 days is told, acknowledges, and the student sees
 * who was told.
 */
package edu.studentrecords.store.notices;
