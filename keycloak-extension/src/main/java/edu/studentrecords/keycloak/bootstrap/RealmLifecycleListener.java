package edu.studentrecords.keycloak.bootstrap;

import java.util.function.Consumer;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;

/**
 * Bootstraps every realm (new ones when they are created, existing ones once the server has started), opens the
 * existing realms' stores and search indexes once the server has started, and closes the store of a realm that is
 * removed.
 */
public final class RealmLifecycleListener implements ProviderEventListener {

    private final Consumer<String> forgetRealm;
    private final Consumer<RealmModel> openRealm;

    /**
     * @param forgetRealm closes what the node keeps open for a realm, by its id
     * @param openRealm   opens a realm's store and search index on this node, so that the index catches up with the
     *                    store's change feed from the start rather than at the first request
     */
    public RealmLifecycleListener(Consumer<String> forgetRealm, Consumer<RealmModel> openRealm) {
        this.forgetRealm = forgetRealm;
        this.openRealm = openRealm;
    }

    @Override
    public void onEvent(ProviderEvent event) {
        if (event instanceof RealmModel.RealmPostCreateEvent created) {
            new RealmBootstrap(created.getKeycloakSession(), created.getCreatedRealm()).apply();
        } else if (event instanceof PostMigrationEvent started) {
            // Start-up events arrive outside any request: the bootstrap needs a session and a transaction of its own.
            KeycloakModelUtils.runJobInTransaction(started.getFactory(), session -> session.realms().getRealmsStream()
                    .toList()
                    .forEach(realm -> {
                        new RealmBootstrap(session, realm).apply();
                        openRealm.accept(realm);
                    }));
        } else if (event instanceof RealmModel.RealmRemovedEvent removed) {
            forgetRealm.accept(removed.getRealm().getId());
        }
    }
}
