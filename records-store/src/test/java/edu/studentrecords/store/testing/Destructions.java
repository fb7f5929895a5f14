package edu.studentrecords.store.testing;

import edu.studentrecords.store.Destruction;
import edu.studentrecords.store.PurgeRequest;
import edu.studentrecords.store.StudentRecords;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/** Destroys records the way the product does: a purge request by one administrator, approved by another. */
public final class Destructions {

    private Destructions() {
    }

    /** Files a purge request for {@code recordId} and has a second administrator approve it; the destruction. */
    public static Destruction destroy(StudentRecords store, String recordId, String reason) {
        PurgeRequest request = store.purgeRequests().request(Principals.admin(UUID.randomUUID().toString()), recordId,
                reason);
        AtomicReference<Destruction> destroyed = new AtomicReference<>();
        store.purgeRequests().approve(Principals.admin(UUID.randomUUID().toString()), request.id(), destroyed::set);
        return destroyed.get();
    }
}
