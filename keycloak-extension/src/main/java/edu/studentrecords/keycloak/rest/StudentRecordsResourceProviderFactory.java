package edu.studentrecords.keycloak.rest;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/** The REST API's entry point: {@code /realms/{realm}/student-records}. Holds no state. */
public final class StudentRecordsResourceProviderFactory implements RealmResourceProviderFactory {

    /** The path segment under the realm, and the provider id. */
    public static final String ID = "student-records";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new StudentRecordsResourceProvider(session);
    }

    @Override
    public void init(Config.Scope config) {
        // No options: the store's options belong to the student-records SPI.
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // Nothing to wire: the realm bootstrap is registered by the student-records SPI's factory.
    }

    @Override
    public void close() {
        // Holds nothing.
    }

    @Override
    public String getId() {
        return ID;
    }
}
