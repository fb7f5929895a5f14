package edu.studentrecords.keycloak.login;

import edu.studentrecords.keycloak.spi.NamedProviderFactory;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;

/** Registers {@link RecordVerificationAction}; stateless, so one provider instance serves every session. */
public final class RecordVerificationActionFactory extends NamedProviderFactory<RequiredActionProvider>
        implements RequiredActionFactory {

    /** The provider id, which is also the alias the realm bootstrap registers. */
    public static final String ID = "student-record-verification";
    public static final String DISPLAY_TEXT = "Verify student record";

    private static final RecordVerificationAction ACTION = new RecordVerificationAction();

    /** No options: the period is a realm attribute. */
    public RecordVerificationActionFactory() {
        super(ID);
    }

    @Override
    public String getDisplayText() {
        return DISPLAY_TEXT;
    }

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        return ACTION;
    }
}
