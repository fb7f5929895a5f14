package edu.studentrecords.keycloak.login;

import edu.studentrecords.keycloak.spi.NamedProviderFactory;
import java.time.Instant;
import org.keycloak.common.util.Time;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * A global event listener (every realm, nothing to enable) that keeps {@link LastSignIn#ATTRIBUTE} of administrators
 * current: on each {@code LOGIN} event it writes the event's time, in the request's own transaction, so a sign-in that
 * fails to commit records nothing.
 */
public final class LastSignInListenerFactory extends NamedProviderFactory<EventListenerProvider>
        implements EventListenerProviderFactory {

    static final String ID = "student-records-last-sign-in";

    public LastSignInListenerFactory() {
        super(ID);
    }

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new Listener(session);
    }

    @Override
    public boolean isGlobal() {
        return true;
    }

    private record Listener(KeycloakSession session) implements EventListenerProvider {

        @Override
        public void onEvent(Event event) {
            if (event.getType() != EventType.LOGIN || event.getUserId() == null) {
                return;
            }
            RealmModel realm = session.realms().getRealm(event.getRealmId());
            UserModel user = realm == null ? null : session.users().getUserById(realm, event.getUserId());
            if (user != null && LastSignIn.isAdministrator(realm, user)) {
                long millis = event.getTime() > 0 ? event.getTime() : Time.currentTimeMillis();
                user.setSingleAttribute(LastSignIn.ATTRIBUTE, Instant.ofEpochMilli(millis).toString());
            }
        }

        @Override
        public void onEvent(AdminEvent event, boolean includeRepresentation) {
            // Administration events are not sign-ins.
        }

        @Override
        public void close() {
            // Borrows the request's session.
        }
    }
}
