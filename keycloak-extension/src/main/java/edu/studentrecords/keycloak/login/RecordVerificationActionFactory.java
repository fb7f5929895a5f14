package edu.studentrecords.keycloak.login;

import org.keycloak.Config;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/** Registers {@link RecordVerificationAction}; stateless, so one provider instance serves every session. */
public final class RecordVerificationActionFactory implements RequiredActionFactory {

    /** The provider id, which is also the alias the realm bootstrap registers. */
    public static final String ID = "student-record-verification";
    public static final String DISPLAY_TEXT = "Verify student record";

    private static final RecordVerificationAction ACTION = new RecordVerificationAction();

    @Override
    public String getDisplayText() {
        return DISPLAY_TEXT;
    }

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        return ACTION;
    }

    @Override
    public void init(Config.Scope config) {
        // No options: the period is a realm attribute.
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // Nothing to start.
    }

    @Override
    public void close() {
        // Nothing owned.
    }

    @Override
    public String getId() {
        return ID;
    }
}
