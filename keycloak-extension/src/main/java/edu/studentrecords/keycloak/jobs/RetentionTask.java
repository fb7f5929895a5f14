package edu.studentrecords.keycloak.jobs;

import edu.studentrecords.keycloak.spi.StudentRecordsProvider;
import edu.studentrecords.store.retention.RetentionRun;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.timer.ScheduledTask;

/**
 * The scheduled retention run of every realm, judged at Keycloak's time (which tests may shift). Idempotent: the store
 * claims the day's run with a last-run marker, and the run itself archives and destroys nothing twice.
 */
final class RetentionTask implements ScheduledTask {

    static final String NAME = "student-records-retention";
    private static final Logger LOG = Logger.getLogger(RetentionTask.class);

    private final Duration every;

    RetentionTask(Duration every) {
        this.every = every;
    }

    @Override
    public void run(KeycloakSession session) {
        Instant now = Instant.ofEpochMilli(Time.currentTimeMillis());
        EveryRealm.run(session, "Retention run", realm -> {
            session.getProvider(StudentRecordsProvider.class).store(realm).retention()
                    .runScheduled(now, every, new SigningRetentionHooks(session, realm))
                    .ifPresent(run -> log(realm.getName(), run));
        });
    }

    private static void log(String realm, RetentionRun run) {
        LOG.infof("Retention run of realm %s: %d archived, %d destroyed, %d held, %d waiting", realm,
                run.archived().size(), run.destroyed().size(), run.held().size(), run.waiting());
    }

    @Override
    public String getTaskName() {
        return NAME;
    }
}
