package edu.studentrecords.search.internal;

import edu.studentrecords.store.feed.ChangeFeed;
import java.io.IOException;

/**
 * Rebuilds the index from the feed's beginning (the feed reports every record's current state). Holds the
 * index's lock throughout, so the consumer waits; searches keep seeing the old contents until the rebuilt
 * index is committed and made visible in one step.
 */
public final class Rebuild {

    private Rebuild() {
    }

    /** Runs a rebuild; returns the number of events applied. Entries that cannot be taken are quarantined. */
    public static long run(ChangeFeed feed, IndexFolder folder, int batchSize) throws IOException {
        Quarantine quarantine = Quarantine.in(feed);
        folder.lock().lock();
        try {
            folder.startRebuild();
            long applied = 0;
            boolean done = false;
            try {
                while (true) {
                    long after = folder.appliedPosition();
                    var batch = feed.poll(after, batchSize);
                    folder.apply(after, batch.events(), batch.nextAfter(), quarantine);
                    applied += batch.events().size();
                    if (batch.caughtUp() && batch.events().isEmpty()) {
                        break;
                    }
                }
                folder.finishRebuild();
                done = true;
                return applied;
            } finally {
                if (!done) {
                    folder.abandonRebuild();
                }
            }
        } finally {
            folder.lock().unlock();
        }
    }
}
