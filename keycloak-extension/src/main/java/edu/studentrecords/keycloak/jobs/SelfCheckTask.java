package edu.studentrecords.keycloak.jobs;

import edu.studentrecords.keycloak.mail.SelfCheckMail;
import edu.studentrecords.keycloak.settings.SelfCheckSettings;
import edu.studentrecords.keycloak.spi.StudentRecordsProvider;
import edu.studentrecords.store.StudentRecords;
import edu.studentrecords.store.check.SelfCheckReport;
import java.time.Instant;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.timer.ScheduledTask;

/**
 * The scheduled security self-check of every realm. Run by a {@code ClusterAwareScheduledTaskRunner}, so one node at
 * a time; the check itself continues from the audit position the previous run left in the database, so a run on
 * any node, or two runs close together, report each finding once.
 */
final class SelfCheckTask implements ScheduledTask {

    static final String NAME = "student-records-self-check";
    private static final Logger LOG = Logger.getLogger(SelfCheckTask.class);

    @Override
    public void run(KeycloakSession session) {
        session.realms().getRealmsStream().toList().forEach(realm -> {
            try {
                session.getContext().setRealm(realm);
                SelfCheckReport report = check(session, realm);
                if (!report.clean()) {
                    LOG.warnf("Security self-check of realm %s: %d finding(s)", realm.getName(), report.findings().size());
                    SelfCheckMail.send(session, realm, report);
                }
            } catch (RuntimeException e) {
                LOG.errorf("Security self-check of realm %s failed: %s", realm.getName(), e.getClass().getName());
            }
        });
    }

    static SelfCheckReport check(KeycloakSession session, RealmModel realm) {
        StudentRecords store = session.getProvider(StudentRecordsProvider.class).store(realm);
        Instant now = Instant.ofEpochMilli(Time.currentTimeMillis());
        return store.selfCheck().runScheduled(now, SelfCheckSettings.of(realm), RealmSecurityFindings.of(session, realm, store, now));
    }

    @Override
    public String getTaskName() {
        return NAME;
    }
}
