package edu.studentrecords.store.applications;

import edu.studentrecords.store.validation.FieldError;
import java.util.List;
import java.util.Optional;

/**
 * Where applications and their settings are kept (for Keycloak: the realm's clients, their attributes and client scope
 * mappings), with the changes waiting for a second administrator. Touched only by {@link Applications}, after the
 * gate has let the call through.
 */
public interface ApplicationRegister {

    /** Every application of the realm. */
    List<ApplicationAccess> all();

    /** One application, or empty when the realm has no client of that id. */
    Optional<ApplicationAccess> find(String clientId);

    /** What is wrong with {@code candidate}, field by field; empty when it may be written. */
    List<FieldError> errors(ApplicationAccess candidate);

    /** Writes {@code settings}, which have no errors. */
    void write(ApplicationAccess settings);

    /** The changes waiting for a second administrator, at most one per application. */
    List<ApplicationChange> pending();

    /** Keeps {@code change} as the application's waiting change, in place of any earlier one. */
    void propose(ApplicationChange change);

    /** Removes the application's waiting change if it is {@code changeId}; false when it is not there (any more). */
    boolean take(String clientId, String changeId);
}
