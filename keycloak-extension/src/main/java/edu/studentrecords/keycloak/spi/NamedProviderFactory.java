package edu.studentrecords.keycloak.spi;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;

/**
 * A provider factory with an id and, unless it says otherwise, nothing to configure, start or close: the base of the
 * extension's factories. The stateless ones (the verification required action, the last sign-in listener, the REST
 * resource) take it as it is; the student-records SPI's factory overrides what it owns.
 *
 * @param <T> the type of provider the factory creates
 */
public abstract class NamedProviderFactory<T extends Provider> implements ProviderFactory<T> {

    private final String id;

    protected NamedProviderFactory(String id) {
        this.id = id;
    }

    @Override
    public final String getId() {
        return id;
    }

    /** Nothing to configure: options, where there are any, belong to the student-records SPI or to the realm. */
    @Override
    public void init(Config.Scope config) {
        // Nothing to read.
    }

    /** Nothing to start. */
    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // Nothing to register.
    }

    /** Nothing owned. */
    @Override
    public void close() {
        // Nothing to release.
    }
}
