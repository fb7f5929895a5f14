package edu.studentrecords.store;

import edu.studentrecords.store.access.Grant;
import java.util.List;
import java.util.Optional;

/**
 * Whom to tell about a decision already taken (a grant approved, a correction decided, a report resolved): the
 * Keycloak users records are linked to. Decides nothing and returns no record content, so nothing is audited here; the
 * notice itself is the student's own business. Thread-safe.
 */
public interface RecordOwners {

    /** The Keycloak user a record is linked to; empty when the record has no owner or is gone. */
    Optional<String> ownerOf(String recordId);

    /** The Keycloak users whose records a grant covers. A scan of the records' access facts: call it off the request path. */
    List<String> coveredBy(Grant grant);
}
