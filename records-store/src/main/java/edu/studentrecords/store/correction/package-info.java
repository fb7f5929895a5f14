/**
 * Correction requests: a student asks the centre to change {@code profile} or {@code identity} fields of their own
 * record (which they may not change themselves); an administrator reviews, then approves (the change is applied,
 * validated, against the record as it is) or rejects with a reason. Kept by
 * {@link edu.studentrecords.store.StudentRecordStore}; the values asked for and the values they replace are sealed with
 * the record's data key, like the record's own sensitive groups.
 */
package edu.studentrecords.store.correction;
