package edu.studentrecords.keycloak.rest;

import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;

/** Serves {@link StudentRecordsResource} for one request. */
final class StudentRecordsResourceProvider implements RealmResourceProvider {

    private final KeycloakSession session;

    StudentRecordsResourceProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public Object getResource() {
        return new StudentRecordsResource(session);
    }

    @Override
    public void close() {
        // Nothing of its own: the stores belong to the student-records SPI's factory.
    }
}
