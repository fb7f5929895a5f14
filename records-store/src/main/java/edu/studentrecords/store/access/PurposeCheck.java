package edu.studentrecords.store.access;

import edu.studentrecords.store.access.AccessDecision.Denied;
import edu.studentrecords.store.access.AccessDecision.Visibility;
import java.util.Optional;
import java.util.Set;

/**
 * The declared purpose, checked before anything about the record, so that a missing or foreign
 * purpose is a 403 whether or not the caller could see the record. An external client's purpose is
 * further bound to its grants by {@link GrantAccess}.
 */
final class PurposeCheck {

    private PurposeCheck() {
    }

    /** The denial, if the purpose is missing, unknown to the realm or not allowed for an internal client. */
    static Optional<Denied> check(AccessContext ctx) {
        if (ctx.purpose() == null) {
            return deny(DenialReason.PURPOSE_MISSING);
        }
        if (!ctx.realmPurposes().contains(ctx.purpose())) {
            return deny(DenialReason.PURPOSE_UNKNOWN);
        }
        if (ctx.clientTrust() == ClientTrust.INTERNAL && !ctx.clientPurposes().contains(ctx.purpose())) {
            return deny(DenialReason.PURPOSE_NOT_ALLOWED_FOR_CLIENT);
        }
        if (!allowedForRoles(ctx)) {
            return deny(DenialReason.PURPOSE_NOT_ALLOWED_FOR_ROLE);
        }
        return Optional.empty();
    }

    /**
     * Whether the person's roles allow the purpose: one of the person's roles allows it, or is not limited by the
     * realm. A person without any of the product's roles, and a client acting for itself, are not limited by role.
     */
    private static boolean allowedForRoles(AccessContext ctx) {
        boolean holdsAny = false;
        for (RealmRole role : RealmRole.values()) {
            if (ctx.hasRole(role)) {
                holdsAny = true;
                Set<String> purposes = ctx.rolePurposes().get(role);
                if (purposes == null || purposes.contains(ctx.purpose())) {
                    return true;
                }
            }
        }
        return !holdsAny;
    }

    private static Optional<Denied> deny(DenialReason reason) {
        return Optional.of(new Denied(reason, Visibility.FORBIDDEN));
    }
}
