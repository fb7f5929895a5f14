package edu.studentrecords.keycloak.jobs;

import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;
import org.keycloak.services.scheduled.ClusterAwareScheduledTaskRunner;
import org.keycloak.timer.TimerProvider;

/** Schedules the reminders of due confirmations once the server has started, every {@code intervalMillis}. */
public final class VerificationReminderSchedule implements ProviderEventListener {

    private final long intervalMillis;

    public VerificationReminderSchedule(long intervalMillis) {
        this.intervalMillis = intervalMillis;
    }

    @Override
    public void onEvent(ProviderEvent event) {
        if (event instanceof PostMigrationEvent started) {
            KeycloakSessionFactory factory = started.getFactory();
            KeycloakModelUtils.runJobInTransaction(factory, session -> session.getProvider(TimerProvider.class)
                    .schedule(new ClusterAwareScheduledTaskRunner(factory, new VerificationReminderTask(),
                            intervalMillis), intervalMillis, VerificationReminderTask.NAME));
        }
    }
}
