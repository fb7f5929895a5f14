package edu.studentrecords.store.notices;

import edu.studentrecords.store.access.AccessContext;
import java.util.List;

/**
 * The notices of changes, as the applications told and the student read them. Notices are filed by the store itself
 * when a change is written. Every call is decided by the store's gate and leaves one audit entry, except
 * {@link #ofChange}, which tells the caller whom to mail about a change already decided. Thread-safe.
 */
public interface RecipientNotices {

    /** How far back a read makes an application a recipient of a change. */
    int LOOK_BACK_DAYS = 180;

    /**
     * The calling application's notices, unacknowledged first, then newest first, at most 500: an application acting for
     * itself only.
     */
    List<RecipientNotice> forCaller(AccessContext ctx);

    /**
     * Acknowledges one of the calling application's notices (again: no change). A notice of another application is
     * "not found", like one that does not exist.
     */
    RecipientNotice acknowledge(AccessContext ctx, String noticeId);

    /** The notices filed for the change that brought {@code recordId} to {@code version}; not audited. */
    List<RecipientNotice> ofChange(String recordId, long version);
}
