package edu.studentrecords.keycloak.audit;

import java.time.Duration;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;
import org.keycloak.timer.TimerProvider;

/**
 * Schedules {@link AuditEpochTask} on this node once the server has started. Every node runs it: each keeps its own
 * anchor file; the store lets one node seal each epoch and one node at a time write the log feed.
 */
public final class AuditEpochSchedule implements ProviderEventListener {

    private final Duration interval;

    public AuditEpochSchedule(Duration interval) {
        this.interval = interval;
    }

    @Override
    public void onEvent(ProviderEvent event) {
        if (event instanceof PostMigrationEvent started) {
            KeycloakSessionFactory factory = started.getFactory();
            KeycloakModelUtils.runJobInTransaction(factory, session -> session.getProvider(TimerProvider.class)
                    .scheduleTask(new AuditEpochTask(), interval.toMillis(), AuditEpochTask.NAME));
        }
    }
}
