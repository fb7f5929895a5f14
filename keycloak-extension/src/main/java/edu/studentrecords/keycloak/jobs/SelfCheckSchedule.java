package edu.studentrecords.keycloak.jobs;

import java.time.Duration;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;

/** Schedules the security self-check once the server has started: once per period per cluster ({@link ClusterSchedule}). */
public final class SelfCheckSchedule implements ProviderEventListener {

    private final Duration every;

    /** A schedule of one check per {@code every}. */
    public SelfCheckSchedule(Duration every) {
        this.every = every;
    }

    @Override
    public void onEvent(ProviderEvent event) {
        if (event instanceof PostMigrationEvent started) {
            ClusterSchedule.start(started.getFactory(), new SelfCheckTask(every), SelfCheckTask.NAME, every);
        }
    }
}
