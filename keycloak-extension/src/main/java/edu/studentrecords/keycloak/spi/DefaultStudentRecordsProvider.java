package edu.studentrecords.keycloak.spi;

import edu.studentrecords.search.StudentSearchIndex;
import edu.studentrecords.store.Destruction;
import edu.studentrecords.store.StudentRecords;
import edu.studentrecords.store.audit.AuditOperation;
import org.keycloak.models.RealmModel;

/** Borrows the stores of {@link DefaultStudentRecordsProviderFactory}; owns nothing. */
public final class DefaultStudentRecordsProvider implements StudentRecordsProvider {

    private final DefaultStudentRecordsProviderFactory factory;

    DefaultStudentRecordsProvider(DefaultStudentRecordsProviderFactory factory) {
        this.factory = factory;
    }

    @Override
    public StudentRecords store(RealmModel realm) {
        return factory.store(realm);
    }

    @Override
    public ClientChangeLocks clientChangeLocks() {
        return factory.clientChangeLocks();
    }

    @Override
    public StudentSearchIndex index(RealmModel realm) {
        return factory.index(realm);
    }

    @Override
    public void purgeFromIndex(RealmModel realm, Destruction destruction) {
        factory.purgeFromIndex(realm, destruction);
    }

    @Override
    public void served(AuditOperation operation, int status, long nanos) {
        factory.served(operation, status, nanos);
    }

    @Override
    public void selfChecked(RealmModel realm, int findings) {
        factory.selfChecked(realm, findings);
    }

    @Override
    public AuditTrailOptions auditOptions() {
        return factory.auditOptions();
    }

    @Override
    public boolean storeUnreachable() {
        return factory.storeUnreachable();
    }

    @Override
    public boolean isOpen(RealmModel realm) {
        return factory.isOpen(realm);
    }

    @Override
    public void close() {
        // The stores belong to the factory: nothing of the session's to release.
    }
}
