package edu.studentrecords.keycloak.spi;

import edu.studentrecords.search.StudentSearchIndex;
import edu.studentrecords.store.Destruction;
import edu.studentrecords.store.StudentRecordStore;
import edu.studentrecords.store.access.AccessContext;
import org.keycloak.models.RealmModel;

/** Borrows the stores of {@link DefaultStudentRecordsProviderFactory}; owns nothing. */
public final class DefaultStudentRecordsProvider implements StudentRecordsProvider {

    private final DefaultStudentRecordsProviderFactory factory;

    DefaultStudentRecordsProvider(DefaultStudentRecordsProviderFactory factory) {
        this.factory = factory;
    }

    @Override
    public StudentRecordStore store(RealmModel realm) {
        return factory.store(realm);
    }

    @Override
    public StudentSearchIndex index(RealmModel realm) {
        return factory.index(realm);
    }

    @Override
    public Destruction destroy(RealmModel realm, AccessContext ctx, String recordId, String reason) {
        return factory.destroy(realm, ctx, recordId, reason);
    }

    /** The factory that owns the stores, for what the REST layer needs beyond the SPI (backup jobs). */
    public DefaultStudentRecordsProviderFactory factory() {
        return factory;
    }

    @Override
    public void purgeFromIndex(RealmModel realm, Destruction destruction) {
        factory.purgeFromIndex(realm, destruction);
    }

    @Override
    public void close() {
        // The stores belong to the factory: nothing of the session's to release.
    }
}
