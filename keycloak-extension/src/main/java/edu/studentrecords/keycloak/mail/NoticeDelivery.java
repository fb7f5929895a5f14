package edu.studentrecords.keycloak.mail;

import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.keycloak.executors.ExecutorsProvider;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * How the extension's mails leave: once the request's transaction has committed (nothing when it rolls back), on
 * Keycloak's executor, in a session and transaction of their own with the request's realm, so a slow or failing mail
 * server never holds up or undoes the decision the mail is about.
 */
final class NoticeDelivery {

    private static final String EXECUTOR = "student-records-notices";

    private NoticeDelivery() {
    }

    /**
     * Runs {@code send} once {@code session}'s transaction has committed.
     *
     * @param send   the work, given the new session and the request's realm (skipped when the realm is gone)
     * @param failed told when the work or its transaction fails; it logs, without personal data
     */
    static void afterCommit(KeycloakSession session, BiConsumer<KeycloakSession, RealmModel> send,
            Consumer<RuntimeException> failed) {
        String realmId = session.getContext().getRealm().getId();
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                session.getProvider(ExecutorsProvider.class).getExecutor(EXECUTOR)
                        .execute(() -> run(factory, realmId, send, failed));
            }

            @Override
            protected void rollbackImpl() {
                // The decision did not happen: nobody is told.
            }
        });
    }

    private static void run(KeycloakSessionFactory factory, String realmId,
            BiConsumer<KeycloakSession, RealmModel> send, Consumer<RuntimeException> failed) {
        try {
            KeycloakModelUtils.runJobInTransaction(factory, session -> {
                RealmModel realm = session.realms().getRealm(realmId);
                if (realm == null) {
                    return;
                }
                session.getContext().setRealm(realm);
                send.accept(session, realm);
            });
        } catch (RuntimeException e) {
            failed.accept(e);
        }
    }

    /** The realm's name as a mail shows it: its display name, or its name. */
    static String realmName(RealmModel realm) {
        return realm.getDisplayName() != null ? realm.getDisplayName() : realm.getName();
    }
}
