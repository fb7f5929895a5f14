package edu.studentrecords.keycloak.jobs;

import edu.studentrecords.keycloak.mail.VerificationDueMail;
import edu.studentrecords.keycloak.settings.VerificationPeriod;
import edu.studentrecords.keycloak.spi.StudentRecordsProvider;
import edu.studentrecords.store.notices.VerificationReminder;
import edu.studentrecords.store.notices.VerificationReminders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.timer.ScheduledTask;

/**
 * Reminds every student whose periodic confirmation falls due within 14 days, in every realm, by mail in their
 * language. Run by a {@code ClusterAwareScheduledTaskRunner}, so one node at a time; and each reminder is claimed in
 * the store by one write, so a student is reminded once per due date whichever node runs and however often.
 */
final class VerificationReminderTask implements ScheduledTask {

    static final String NAME = "student-records-verification-reminders";
    private static final Logger LOG = Logger.getLogger(VerificationReminderTask.class);

    @Override
    public void run(KeycloakSession session) {
        EveryRealm.run(session, "Verification reminders", realm -> {
            if (!session.getProvider(StudentRecordsProvider.class).isOpen(realm)) {
                // Not opened on this node yet (a realm created since it started, never used here): the timer only
                // looks for due reminders, and opening the realm would start its index's catch-up for nothing.
                return;
            }
            Instant now = Instant.ofEpochMilli(Time.currentTimeMillis());
            Duration period = Duration.ofDays(VerificationPeriod.of(realm).days());
            List<VerificationReminder> due = session.getProvider(StudentRecordsProvider.class).store(realm)
                    .verificationReminders().claimDue(now, period, VerificationReminders.AHEAD);
            due.forEach(reminder -> VerificationDueMail.afterCommit(session, reminder));
            if (!due.isEmpty()) {
                LOG.infof("Realm %s: %d student(s) reminded of a due confirmation", realm.getName(), due.size());
            }
        });
    }

    @Override
    public String getTaskName() {
        return NAME;
    }
}
