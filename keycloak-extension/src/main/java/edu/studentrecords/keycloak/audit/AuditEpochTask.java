package edu.studentrecords.keycloak.audit;

import edu.studentrecords.keycloak.jobs.EveryRealm;
import edu.studentrecords.keycloak.spi.AuditTrailOptions;
import edu.studentrecords.keycloak.spi.StudentRecordsProvider;
import edu.studentrecords.store.audit.AuditEpochs;
import edu.studentrecords.store.audit.SealedEpoch;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.timer.ScheduledTask;

/**
 * Every realm, on this node: seal the epochs that are due (signed with the realm's key), write the checkpoints and the
 * head to the anchors outside the store, and feed the log file when one is configured.
 */
final class AuditEpochTask implements ScheduledTask {

    static final String NAME = "student-records-audit-epochs";
    private static final Logger LOG = Logger.getLogger(AuditEpochTask.class);

    @Override
    public void run(KeycloakSession session) {
        Instant now = Instant.ofEpochMilli(Time.currentTimeMillis());
        EveryRealm.run(session, "Audit epochs", realm -> tick(session, realm, now));
    }

    static void tick(KeycloakSession session, RealmModel realm, Instant now) {
        StudentRecordsProvider provider = session.getProvider(StudentRecordsProvider.class);
        AuditTrailOptions options = provider.auditOptions();
        AuditEpochs epochs = provider.store(realm).auditEpochs();
        List<SealedEpoch> sealed = epochs.sealDue(now, options.epochEntries(), false, new RealmAuditSigner(session));
        new OutsideAnchors(realm, options).record(epochs);
        if (options.feedDir() != null) {
            Path file = options.feedDir().resolve(AuditTrailOptions.realmFolder(realm.getId()) + ".audit.jsonl");
            try {
                epochs.feed(file, NodeName.get(), now);
            } catch (java.io.IOException e) {
                LOG.errorf("The audit log feed of realm %s could not be written: %s", realm.getName(),
                        e.getClass().getSimpleName());
            }
        }
        if (!sealed.isEmpty()) {
            LOG.infof("Realm %s: %d audit epoch(s) sealed", realm.getName(), sealed.size());
        }
    }

    @Override
    public String getTaskName() {
        return NAME;
    }
}
