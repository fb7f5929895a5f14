package edu.studentrecords.keycloak.spi;

import edu.studentrecords.search.StudentSearchIndex;
import edu.studentrecords.store.Destruction;
import edu.studentrecords.store.StudentRecords;
import edu.studentrecords.store.audit.AuditOperation;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.Provider;

/**
 * Per-session access to the student record stores and search indexes. A provider borrows what its factory owns:
 * closing the provider closes nothing.
 */
public interface StudentRecordsProvider extends Provider {

    /**
     * The store of a realm, opened on first use and shared by every session of this node.
     *
     * @param realm the realm; not null
     * @return the realm's store; never null
     */
    StudentRecords store(RealmModel realm);

    /**
     * The realm's search index on this node, fed by the realm's store's change feed. Search it only through
     * {@code store(realm).records().search(...)}, which decides and audits the search.
     *
     * @param realm the realm; not null
     * @return the realm's index; never null
     */
    StudentSearchIndex index(RealmModel realm);

    /**
     * Takes a record the store has destroyed (a purge approved, a retention run) out of this node's search index: out of
     * the results and, by a merge of deletes, out of the index files.
     *
     * @param realm       the realm; not null
     * @param destruction what the store destroyed; not null
     */
    void purgeFromIndex(RealmModel realm, Destruction destruction);

    /**
     * Counts one API call in this node's metrics (Prometheus, on the management port): its operation, the status it
     * answered and how long it took.
     */
    void served(AuditOperation operation, int status, long nanos);

    /** Counts a scheduled security self-check of the realm that this node ran, and its findings, in the metrics. */
    void selfChecked(RealmModel realm, int findings);
    /** The locks that let one change of a client's access run at a time on this node. */
    ClientChangeLocks clientChangeLocks();

    /** The options of the audit trail's epochs, anchors, exports and log feed on this node. */
    AuditTrailOptions auditOptions();

    /**
     * Whether the record store is known to be out of reach now: the node's client saw its last contact with each of the
     * store's servers fail. Asks nothing of the store and opens no realm's store, so it answers at once.
     */
    boolean storeUnreachable();

    /**
     * Whether this node has opened the realm's store and index already (at its start, or at the realm's first
     * request): a timer that only looks for due work leaves a realm it has not opened to the node that has.
     */
    boolean isOpen(RealmModel realm);
}
