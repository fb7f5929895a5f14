package edu.studentrecords.keycloak.bootstrap;

import java.util.function.Consumer;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;

/**
 * Bootstraps every realm (new ones when they are created, existing ones once the server has started) and closes
 * the store of a realm that is removed.
 */
public final class RealmLifecycleListener implements ProviderEventListener {

    private final Consumer<String> forgetRealm;

    /** @param forgetRealm closes what the node keeps open for a realm, by its id */
    public RealmLifecycleListener(Consumer<String> forgetRealm) {
        this.forgetRealm = forgetRealm;
    }

    @Override
    public void onEvent(ProviderEvent event) {
        if (event instanceof RealmModel.RealmPostCreateEvent created) {
            new RealmBootstrap(created.getCreatedRealm()).apply();
        } else if (event instanceof PostMigrationEvent started) {
            // Start-up events arrive outside any request: the bootstrap needs a session and a transaction of its own.
            KeycloakModelUtils.runJobInTransaction(started.getFactory(), session -> session.realms().getRealmsStream()
                    .toList()
                    .forEach(realm -> new RealmBootstrap(realm).apply()));
        } else if (event instanceof RealmModel.RealmRemovedEvent removed) {
            forgetRealm.accept(removed.getRealm().getId());
        }
    }
}
