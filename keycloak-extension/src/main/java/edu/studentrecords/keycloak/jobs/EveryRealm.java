package edu.studentrecords.keycloak.jobs;

import java.util.function.Consumer;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Runs a scheduled step for every realm of the server, each in the session's context of that realm; one realm's failure
 * is logged (its type only) and the next realm goes on.
 */
public final class EveryRealm {

    private static final Logger LOG = Logger.getLogger(EveryRealm.class);

    private EveryRealm() {
    }

    /**
     * Runs {@code step} for each realm.
     *
     * @param what what the step is, for the log ("Retention run")
     */
    public static void run(KeycloakSession session, String what, Consumer<RealmModel> step) {
        session.realms().getRealmsStream().toList().forEach(realm -> {
            try {
                session.getContext().setRealm(realm);
                step.accept(realm);
            } catch (RuntimeException e) {
                LOG.errorf("%s of realm %s failed: %s", what, realm.getName(), e.getClass().getName());
            }
        });
    }
}
