package edu.studentrecords.keycloak.jobs;

import java.time.Duration;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.scheduled.ClusterAwareScheduledTaskRunner;
import org.keycloak.timer.ScheduledTask;
import org.keycloak.timer.TimerProvider;

/**
 * How a periodic job of the product is timed on a cluster. Every node's timer looks a few times per period whether the
 * run is due; Keycloak's cluster-aware runner lets one node at a time in, and the store's last-run marker lets one run
 * per period through. A node that stops therefore delays the run by at most a quarter of the period (an hour at most),
 * and two nodes never both run it.
 */
final class ClusterSchedule {

    private static final Duration LONGEST_LOOK = Duration.ofHours(1);

    private ClusterSchedule() {
    }

    /** How often a node looks whether a run of period {@code every} is due. */
    static Duration look(Duration every) {
        Duration quarter = every.dividedBy(4);
        return quarter.compareTo(LONGEST_LOOK) > 0 ? LONGEST_LOOK : quarter;
    }

    static void start(KeycloakSessionFactory factory, ScheduledTask task, String name, Duration every) {
        long millis = look(every).toMillis();
        KeycloakModelUtils.runJobInTransaction(factory, session -> session.getProvider(TimerProvider.class)
                .schedule(new ClusterAwareScheduledTaskRunner(factory, task, millis), millis, name));
    }
}
