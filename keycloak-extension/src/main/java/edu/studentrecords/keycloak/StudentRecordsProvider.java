package edu.studentrecords.keycloak;

import edu.studentrecords.store.StudentRecordStore;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.Provider;

/**
 * Per-session access to the student record stores. A provider borrows the stores its factory owns: closing the
 * provider closes nothing.
 */
public interface StudentRecordsProvider extends Provider {

    /**
     * The store of a realm, opened on first use and shared by every session of this node.
     *
     * @param realm the realm; not null
     * @return the realm's store; never null
     */
    StudentRecordStore store(RealmModel realm);
}
