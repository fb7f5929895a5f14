package edu.studentrecords.store.applications;

import edu.studentrecords.store.access.AccessContext;
import java.util.List;

/**
 * The realm's applications behind the store's gate: listing and changing them is the duty
 * {@code MANAGE_APPLICATIONS} (administrators, never under impersonation); each call is decided and audited once
 * before the {@link ApplicationRegister} is touched. A change that makes an application less protected
 * ({@link ApplicationAccess#widens}) is only proposed; a second administrator approves it. Thread-safe.
 */
public interface Applications {

    /**
     * Every application with its settings ({@code APPLICATION_LIST}); once it is allowed, the caller shows the
     * register's waiting changes with them.
     */
    List<ApplicationAccess> list(AccessContext ctx, ApplicationRegister register);

    /**
     * Changes an application's settings ({@code APPLICATION_CHANGE}): {@code NOT_FOUND} for an unknown client,
     * {@code INVALID} naming every broken field (nothing kept); written at once unless it widens the application's
     * reach, when it waits for a second administrator.
     */
    ApplicationChangeResult change(AccessContext ctx, ApplicationRegister register, ApplicationAccess asked);

    /**
     * Approves the waiting change {@code changeId} of {@code clientId} ({@code APPLICATION_APPROVE}): refused
     * ({@code FOUR_EYES}) to the administrator who asked, {@code NOT_FOUND} when no such change waits, {@code CONFLICT}
     * when the application's settings changed since it was asked for (the change is dropped then).
     */
    ApplicationAccess approve(AccessContext ctx, ApplicationRegister register, String clientId, String changeId);
}
