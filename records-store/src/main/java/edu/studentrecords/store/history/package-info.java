/**
 * A record's history (rule 5.1): for every change of a record, the values its changed fields had before and after,
 * who changed them and for what purpose. The values are sealed with the record's data key, so a record's history is
 * destroyed with the record and never outlives it.
 */
package edu.studentrecords.store.history;
