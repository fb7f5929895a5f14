package edu.studentrecords.keycloak.jobs;

import edu.studentrecords.keycloak.mail.SelfCheckMail;
import edu.studentrecords.keycloak.settings.SelfCheckSettings;
import edu.studentrecords.keycloak.spi.StudentRecordsProvider;
import edu.studentrecords.store.StudentRecords;
import edu.studentrecords.store.check.SelfCheckReport;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.timer.ScheduledTask;

/**
 * The scheduled security self-check of every realm, once per period per cluster: the store's last-run marker lets
 * one node's run through ({@link ClusterSchedule}).
 */
final class SelfCheckTask implements ScheduledTask {

    static final String NAME = "student-records-self-check";
    private static final Logger LOG = Logger.getLogger(SelfCheckTask.class);

    private final Duration every;

    SelfCheckTask(Duration every) {
        this.every = every;
    }

    @Override
    public void run(KeycloakSession session) {
        EveryRealm.run(session, "Security self-check", realm -> {
            check(session, realm, every).ifPresent(report -> {
                session.getProvider(StudentRecordsProvider.class).selfChecked(realm, report.findings().size());
                if (!report.clean()) {
                    LOG.warnf("Security self-check of realm %s: %d finding(s)", realm.getName(),
                            report.findings().size());
                    SelfCheckMail.send(session, realm, report);
                }
            });
        });
    }

    static Optional<SelfCheckReport> check(KeycloakSession session, RealmModel realm, Duration every) {
        StudentRecords store = session.getProvider(StudentRecordsProvider.class).store(realm);
        Instant now = Instant.ofEpochMilli(Time.currentTimeMillis());
        return store.selfCheck().runScheduled(now, every, SelfCheckSettings.of(realm),
                RealmSecurityFindings.of(session, realm, store, now));
    }

    @Override
    public String getTaskName() {
        return NAME;
    }
}
