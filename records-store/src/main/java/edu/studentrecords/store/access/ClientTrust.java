package edu.studentrecords.store.access;

import java.util.Locale;

/**
 * How far the school trusts a Keycloak client, from its attribute {@code student-records.trust}.
 * An {@link #INTERNAL} client passes its signed-in person's rights through; an {@link #EXTERNAL}
 * client (an outside body) gets nothing without an approved {@link Grant}.
 */
public enum ClientTrust {
    /** A campus application run by the school. */
    INTERNAL,
    /** An outside body, and every client whose trust is not stated. */
    EXTERNAL;

    /** The client attribute that holds the trust level. */
    public static final String ATTRIBUTE = "student-records.trust";

    /**
     * The trust level named by the client attribute. Only the value {@code internal} (any case,
     * surrounding blanks ignored) makes a client internal; a missing, empty or unknown value means
     * external, so a typo never widens access.
     *
     * @param attribute the attribute value; may be null
     */
    public static ClientTrust fromAttribute(String attribute) {
        if (attribute != null && attribute.strip().toLowerCase(Locale.ROOT).equals("internal")) {
            return INTERNAL;
        }
        return EXTERNAL;
    }
}
