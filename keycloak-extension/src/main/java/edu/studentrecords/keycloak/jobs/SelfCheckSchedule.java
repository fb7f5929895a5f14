package edu.studentrecords.keycloak.jobs;

import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;
import org.keycloak.services.scheduled.ClusterAwareScheduledTaskRunner;
import org.keycloak.timer.TimerProvider;

/** Schedules the security self-check once the server has started, every {@code self-check-interval-hours}. */
public final class SelfCheckSchedule implements ProviderEventListener {

    private final long intervalMillis;

    public SelfCheckSchedule(long intervalMillis) {
        this.intervalMillis = intervalMillis;
    }

    @Override
    public void onEvent(ProviderEvent event) {
        if (event instanceof PostMigrationEvent started) {
            KeycloakSessionFactory factory = started.getFactory();
            KeycloakModelUtils.runJobInTransaction(factory, session -> session.getProvider(TimerProvider.class)
                    .schedule(new ClusterAwareScheduledTaskRunner(factory, new SelfCheckTask(), intervalMillis),
                            intervalMillis, SelfCheckTask.NAME));
        }
    }
}
