package edu.studentrecords.store.settings;

import edu.studentrecords.store.access.AccessContext;

/**
 * The realm's settings for student records that live outside the store (in Keycloak, the realm's attributes), behind
 * the store's gate: reading and replacing them is the duty {@code MANAGE_SETTINGS} (administrators), decided and
 * audited once ({@code READ_SETTINGS}, {@code UPDATE_SETTINGS}) before the {@link SettingsSource} is touched.
 * Thread-safe.
 */
public interface RealmSettings {

    /** The settings as they apply now. */
    <T> T read(AccessContext ctx, SettingsSource<T> source);

    /**
     * Replaces the settings as a whole: validated first ({@code INVALID} naming every broken field, nothing written),
     * then written; answers them as they now apply.
     */
    <T> T replace(AccessContext ctx, SettingsSource<T> source, T replacement);
}
