package edu.studentrecords.keycloak.spi;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;

/**
 * One change of a client's access at a time on this node: a change or an approval holds its client from before it
 * reads the client's settings until the Keycloak transaction that writes them has committed or rolled back, so that
 * an approval and a change made meanwhile never mix into settings that no second administrator saw (a change judged
 * against the settings before an approval, written after it). Owned by the provider factory; thread-safe.
 */
public final class ClientChangeLocks {

    /** How long a change waits for the one before it. */
    private static final long WAIT_SECONDS = 30;

    private final Map<String, Semaphore> locks = new ConcurrentHashMap<>();

    /**
     * Holds {@code clientId} of {@code realmId} until {@code session}'s transaction completes.
     *
     * @return false when another change of the client did not finish in time (nothing is held)
     */
    public boolean holdUntilCompletion(KeycloakSession session, String realmId, String clientId) {
        Semaphore lock = locks.computeIfAbsent(realmId + "/" + clientId, key -> new Semaphore(1));
        try {
            if (!lock.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)) {
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        // A semaphore, not a lock owned by a thread: the transaction may complete on another worker thread.
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                lock.release();
            }

            @Override
            protected void rollbackImpl() {
                lock.release();
            }
        });
        return true;
    }
}
