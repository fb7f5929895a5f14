package edu.studentrecords.store.settings;

import edu.studentrecords.store.validation.FieldError;
import java.util.List;

/**
 * Where a realm's settings are kept (for Keycloak: the realm's attributes). Touched only by {@link RealmSettings},
 * after the gate has let the call through.
 *
 * @param <T> the settings' type
 */
public interface SettingsSource<T> {

    /** The settings as they apply now. */
    T read();

    /** What is wrong with {@code candidate}, field by field; empty when it may be written. */
    List<FieldError> errors(T candidate);

    /** Writes {@code candidate}, which has no errors. */
    void write(T candidate);
}
