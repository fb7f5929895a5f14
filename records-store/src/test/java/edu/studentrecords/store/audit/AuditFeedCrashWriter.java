package edu.studentrecords.store.audit;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import edu.studentrecords.store.internal.audit.MongoAuditTrail;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;

/**
 * A child process for crash tests: the node that writes the audit log feed, feeding the file over and over as fast as
 * it can and printing {@code FED <count>} after each pass that carried entries, until it is killed. Arguments:
 * connection string, database name, feed file, node name.
 */
public final class AuditFeedCrashWriter {

    private AuditFeedCrashWriter() {
    }

    public static void main(String[] args) throws Exception {
        try (MongoClient client = MongoClients.create(args[0]);
                MongoAuditTrail trail = MongoAuditTrail.open(client.getDatabase(args[1]), AuditFixtures.KEY,
                        Clock.systemUTC())) {
            AuditEpochs epochs = trail.epochs(Set::of);
            Path file = Path.of(args[2]);
            while (true) {
                int fed = epochs.feed(file, args[3], Instant.now());
                if (fed > 0) {
                    System.out.println("FED " + fed);
                    System.out.flush();
                }
            }
        }
    }
}
