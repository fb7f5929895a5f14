package edu.studentrecords.store;

import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.enrolment.EnrolmentRow;
import edu.studentrecords.store.enrolment.ImportReport;
import edu.studentrecords.store.feed.IndexSearch;
import edu.studentrecords.store.history.HistoryEntry;
import edu.studentrecords.store.model.StudentRecord;
import java.util.List;
import java.util.function.Supplier;

/**
 * Students' records as staff, administrators and applications reach them: enrolment, reading, changing, searching.
 * Every operation takes the caller's {@link AccessContext} first, passes the store's one gate (locate, decide, audit)
 * and only then touches a record; a refusal is a {@link StoreException} of kind {@code NOT_FOUND} (the caller may not
 * know of the record) or {@code REFUSED}. Thread-safe.
 */
public interface Records {

    /**
     * Enrols a student: validates, encrypts and stores a new record.
     *
     * @param ownerSubject the Keycloak user to link the record to, or {@code null}
     * @return the new record as the caller may see it
     * @throws StoreException {@code REFUSED} when the caller may not enrol, {@code INVALID} when the content breaks a
     *     rule, {@code CONFLICT} when the student number, resident ID or user is taken
     */
    RecordView create(AccessContext ctx, StudentRecord content, String ownerSubject);

    /**
     * Bulk enrolment: creates each readable row as one record, exactly as {@link #create} does (one decision and one
     * audit entry per row that reaches it). Each row is all or nothing; a row that is unreadable, invalid or collides
     * with an existing record is reported and leaves nothing behind. The right to enrol is decided once before the file
     * is read: a refused import reads nothing.
     *
     * @param file reads the rows; what it throws (an unreadable or too large file) is thrown before any row is created
     */
    ImportReport importRecords(AccessContext ctx, Supplier<List<EnrolmentRow>> file);

    /** Reads a record: the groups the caller may read. {@code NOT_FOUND} when the caller may not see it at all. */
    RecordView read(AccessContext ctx, String recordId);

    /** Everything held in the record that the caller may read, for an administrator's export. */
    RecordView export(AccessContext ctx, String recordId);

    /** Looks a record up by its student number (a unique key), then reads it as {@link #read} does. */
    RecordView findByStudentNumber(AccessContext ctx, String studentNumber);

    /** Looks a record up by resident ID number (a keyed hash); found only by a caller who may read its identity. */
    RecordView findByResidentIdNumber(AccessContext ctx, String residentIdNumber);

    /**
     * The records whose student or guardian has this phone number (a keyed hash), those whose contact or guardians
     * group the caller may read; each record found is a read and is audited.
     */
    List<RecordView> findByPhone(AccessContext ctx, String phone);

    /**
     * Applies a JSON merge patch to a record, if it is still at {@code expectedVersion}.
     *
     * @throws StoreException {@code STALE} when the record changed since that version, {@code INVALID} when the result
     *     breaks a rule, {@code MALFORMED} when the patch is not a JSON object, {@code REFUSED} when a touched group is
     *     not writable for the caller; nothing is written then
     */
    RecordView update(AccessContext ctx, String recordId, long expectedVersion, String mergePatch);

    /**
     * The record's history: its changes, newest first, with the values each changed field had before and after. Decided
     * as a read of the record and audited once ({@code READ_HISTORY}, with the groups allowed): only changes of the
     * groups the caller may read now are in it, with only those groups' fields.
     *
     * @throws StoreException {@code NOT_FOUND} or {@code REFUSED} as a read of the record would be
     */
    List<HistoryEntry> history(AccessContext ctx, String recordId);

    /**
     * Runs one search on the node's search index and answers only what the caller may read now, although the index
     * lags the store: the gate asks the access policy for the caller's scope once and runs {@code search} within it;
     * every record the index may hold otherwise than the store (those with change feed entries after the index's
     * position), and every hit returned, is decided again on the record as stored now, and those the caller may not
     * read are left out of the hits, the total and the facet counts. Exactly one audit entry names the ids returned.
     *
     * @param search the search on the index ({@code StudentSearchIndex.searching(query, offset)}); not null
     * @return the index's answer for the page, without records the caller may not read now
     * @throws StoreException {@code REFUSED} when the caller may not search (the same for every query);
     *     {@code UNAVAILABLE} when the index is too far behind the store to be re-checked (answer "try again later")
     * @throws RuntimeException what the index throws when it cannot be searched now (e.g. it has not caught up with
     *     the feed since it opened); the search is audited as failed
     */
    <R> R search(AccessContext ctx, IndexSearch<R> search);
}
