package edu.studentrecords.keycloak.jobs;

import java.time.Duration;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;

/**
 * Schedules the retention run once the server has started: once per period per cluster ({@link ClusterSchedule}), so a
 * restart or a second node neither skips nor repeats a run.
 */
public final class RetentionSchedule implements ProviderEventListener {

    private final Duration every;

    /** A schedule of one run per {@code every}. */
    public RetentionSchedule(Duration every) {
        this.every = every;
    }

    @Override
    public void onEvent(ProviderEvent event) {
        if (event instanceof PostMigrationEvent started) {
            ClusterSchedule.start(started.getFactory(), new RetentionTask(every), RetentionTask.NAME, every);
        }
    }
}
