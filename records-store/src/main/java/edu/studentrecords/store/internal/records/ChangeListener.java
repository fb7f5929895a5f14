package edu.studentrecords.store.internal.records;

import edu.studentrecords.store.model.FieldGroup;
import java.time.Instant;
import java.util.Set;

/** Told by the vault once a change of a record's fields is written (after the record's conditional write). */
public interface ChangeListener {

    /** Nobody listens. */
    ChangeListener NONE = change -> { };

    /**
     * A change that was written.
     *
     * @param recordId  the record
     * @param version   the version the change made
     * @param owner     the Keycloak user the record is linked to, or null
     * @param groups    the groups whose fields changed; never empty
     * @param operation the audit operation of the call that made it
     * @param byClient  the client of that call
     * @param at        when
     */
    record WrittenChange(String recordId, long version, String owner, Set<FieldGroup> groups, String operation,
            String byClient, Instant at) {
    }

    void written(WrittenChange change);
}
