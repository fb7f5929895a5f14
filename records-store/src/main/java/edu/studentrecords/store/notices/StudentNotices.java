package edu.studentrecords.store.notices;

import edu.studentrecords.store.access.AccessContext;

/** The notices about a student's own record, through self service; one audit entry per call. Thread-safe. */
public interface StudentNotices {

    /** The caller's own notices; "not found" when the caller has no record. */
    OwnNotices own(AccessContext ctx);
}
