package edu.studentrecords.keycloak.jobs;

import java.time.Duration;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;
import org.keycloak.services.scheduled.ClusterAwareScheduledTaskRunner;
import org.keycloak.timer.TimerProvider;

/**
 * Schedules the daily retention run once the server has started. The timer fires every hour on every node; the
 * cluster-aware runner lets one node at a time in, and the store's last-run marker lets one run a day through, so a
 * restart or a second node neither skips nor repeats a day.
 */
public final class RetentionSchedule implements ProviderEventListener {

    /** How often the timer looks whether the day's run is due. */
    static final Duration TIMER = Duration.ofHours(1);
    /** How often retention runs. */
    static final Duration EVERY = Duration.ofHours(24);

    @Override
    public void onEvent(ProviderEvent event) {
        if (event instanceof PostMigrationEvent started) {
            KeycloakSessionFactory factory = started.getFactory();
            KeycloakModelUtils.runJobInTransaction(factory, session -> session.getProvider(TimerProvider.class)
                    .schedule(new ClusterAwareScheduledTaskRunner(factory, new RetentionTask(EVERY), TIMER.toMillis()),
                            TIMER.toMillis(), RetentionTask.NAME));
        }
    }
}
