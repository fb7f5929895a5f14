package edu.studentrecords.keycloak.audit;

import edu.studentrecords.keycloak.spi.AuditTrailOptions;
import edu.studentrecords.keycloak.spi.StudentRecordsProvider;
import edu.studentrecords.store.StudentRecords;
import edu.studentrecords.store.audit.SealedEpoch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The audit trail's own retention, applied with each retention run that is not a dry run: sealed epochs older than
 * the policy's {@code auditRetentionDays} are exported, signed, to {@code <audit-export-dir>/<realm>/} and dropped,
 * keeping their checkpoints.
 */
public final class AuditRetention {

    private AuditRetention() {
    }

    /** Drops what is due; the epochs dropped. */
    public static List<SealedEpoch> apply(KeycloakSession session, RealmModel realm, int retentionDays, Instant now) {
        StudentRecordsProvider provider = session.getProvider(StudentRecordsProvider.class);
        AuditTrailOptions options = provider.auditOptions();
        StudentRecords store = provider.store(realm);
        try {
            return store.auditEpochs().dropExpired(now, retentionDays, new RealmAuditSigner(session),
                    options.exportDir().resolve(AuditTrailOptions.realmFolder(realm.getId())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
