/**
 * Bulk enrolment: files of new student records (CSV or NDJSON) read into rows, and the per-row report of an
 * import. The rows go through {@link edu.studentrecords.store.StudentRecordStore#importRecords}, which creates each
 * valid row as one record, audited like a single enrolment.
 */
package edu.studentrecords.store.enrolment;
