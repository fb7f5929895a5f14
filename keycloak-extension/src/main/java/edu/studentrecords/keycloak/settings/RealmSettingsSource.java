package edu.studentrecords.keycloak.settings;

import edu.studentrecords.keycloak.rest.representation.RealmSettingsRepresentation;
import edu.studentrecords.store.settings.SettingsSource;
import edu.studentrecords.store.validation.FieldError;
import java.util.List;
import org.keycloak.models.RealmModel;

/** A realm's student-records settings, kept in its attributes, as the store's gate reaches them. */
public final class RealmSettingsSource implements SettingsSource<RealmSettingsRepresentation> {

    private final RealmModel realm;

    public RealmSettingsSource(RealmModel realm) {
        this.realm = realm;
    }

    @Override
    public RealmSettingsRepresentation read() {
        return RealmSettings.read(realm);
    }

    @Override
    public List<FieldError> errors(RealmSettingsRepresentation candidate) {
        return RealmSettings.errors(candidate);
    }

    @Override
    public void write(RealmSettingsRepresentation candidate) {
        RealmSettings.write(realm, candidate);
    }
}
