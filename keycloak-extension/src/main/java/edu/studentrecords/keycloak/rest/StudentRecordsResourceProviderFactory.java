package edu.studentrecords.keycloak.rest;

import edu.studentrecords.keycloak.spi.NamedProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/**
 * The REST API's entry point: {@code /realms/{realm}/student-records}. Holds no state and has no options: the
 * store's options belong to the student-records SPI, whose factory also registers the realm bootstrap.
 */
public final class StudentRecordsResourceProviderFactory extends NamedProviderFactory<RealmResourceProvider>
        implements RealmResourceProviderFactory {

    /** The path segment under the realm, and the provider id. */
    public static final String ID = "student-records";

    public StudentRecordsResourceProviderFactory() {
        super(ID);
    }

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new ResourceProvider(session);
    }

    /** Serves {@link StudentRecordsResource} for one request. */
    private record ResourceProvider(KeycloakSession session) implements RealmResourceProvider {

        @Override
        public Object getResource() {
            return new StudentRecordsResource(session);
        }

        @Override
        public void close() {
            // Nothing of its own: the stores belong to the student-records SPI's factory.
        }
    }
}
