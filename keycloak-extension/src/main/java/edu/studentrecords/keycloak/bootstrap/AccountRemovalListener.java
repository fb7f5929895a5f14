package edu.studentrecords.keycloak.bootstrap;

import edu.studentrecords.store.PurgeRequests;
import edu.studentrecords.store.StudentRecords;
import java.util.function.Function;
import org.jboss.logging.Logger;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;
import org.keycloak.representations.JsonWebToken;

/**
 * When a Keycloak user is deleted (by the admin console, the admin API, an identity provider sync or a workflow:
 * {@link UserModel.UserRemovedEvent} fires for all of them), the record linked to that user is neither destroyed nor
 * left pointing at an account that no longer exists: the store files a purge request by
 * {@link PurgeRequests#USER_REMOVED} for the centre to approve or cancel, and unlinks the record
 * ({@link PurgeRequests#accountRemoved}).
 *
 * <p>This happens only once Keycloak's transaction has committed: a deletion that rolls back must leave the record
 * linked. The store step runs after completion, so a failure there cannot undo the deletion either; it is logged.
 */
public final class AccountRemovalListener implements ProviderEventListener {

    private static final Logger LOG = Logger.getLogger(AccountRemovalListener.class);

    private final Function<RealmModel, StudentRecords> stores;

    /** @param stores the store of a realm */
    public AccountRemovalListener(Function<RealmModel, StudentRecords> stores) {
        this.stores = stores;
    }

    @Override
    public void onEvent(ProviderEvent event) {
        if (!(event instanceof UserModel.UserRemovedEvent removed)) {
            return;
        }
        UserModel user = removed.getUser();
        if (user.getServiceAccountClientLink() != null) {
            // A client's service account is never a student.
            return;
        }
        RealmModel realm = removed.getRealm();
        String userId = user.getId();
        // Whoever removed the account (an administrator's bearer token, when the admin API did it) may not approve the
        // destruction the removal asks for: no one destroys a record alone.
        String removedBy = removedBy(removed.getKeycloakSession());
        removed.getKeycloakSession().getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                unlink(realm, userId, removedBy);
            }

            @Override
            protected void rollbackImpl() {
                // The user was not deleted: the record stays linked.
            }
        });
    }

    private static String removedBy(KeycloakSession session) {
        return session.getContext().getBearerToken() instanceof JsonWebToken token ? token.getSubject() : null;
    }

    private void unlink(RealmModel realm, String userId, String removedBy) {
        try {
            stores.apply(realm).purgeRequests().accountRemoved(userId, removedBy).ifPresent(request ->
                    LOG.infof("Keycloak user %s was removed: record %s unlinked, purge request %s awaits the centre",
                            userId, request.recordId(), request.id()));
        } catch (RuntimeException e) {
            // Only the type: driver messages can quote stored values. The record stays linked to a user id that no
            // longer exists (nobody can sign in as it) until someone acts on this message.
            LOG.errorf("Keycloak user %s was removed, but its record could not be unlinked (%s)", userId,
                    e.getClass().getName());
        }
    }
}
