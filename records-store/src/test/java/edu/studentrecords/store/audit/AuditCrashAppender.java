package edu.studentrecords.store.audit;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import edu.studentrecords.store.internal.audit.AuditCollectionNames;
import edu.studentrecords.store.internal.audit.MongoAuditTrail;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonValue;

/**
 * A child process for crash tests: appends audit entries from several threads at once, as fast as it can, and prints
 * one line per acknowledged append ({@code ACK <sequence> <hash> <record>}) and one per insert command sent for the chain
 * ({@code INSERT <documents>}, seen by the driver's command listener) until the store goes away. Arguments: connection
 * string, database name, number of threads.
 */
public final class AuditCrashAppender {

    private AuditCrashAppender() {
    }

    public static void main(String[] args) throws InterruptedException {
        String connection = args[0] + "/?serverSelectionTimeoutMS=2000&connectTimeoutMS=2000&socketTimeoutMS=5000";
        int threads = Integer.parseInt(args[2]);
        PrintStream out = System.out;
        CommandListener inserts = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                BsonValue target = event.getCommand().get("insert");
                if ("insert".equals(event.getCommandName()) && target != null
                        && AuditCollectionNames.DEFAULTS.entries().equals(target.asString().getValue())) {
                    print(out, "INSERT " + event.getCommand().getArray("documents").size());
                }
            }
        };
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(connection))
                .addCommandListener(inserts)
                .build();
        try (MongoClient client = MongoClients.create(settings);
                AuditTrail trail = MongoAuditTrail.open(client.getDatabase(args[1]), AuditFixtures.KEY, Clock.systemUTC())) {
            List<Thread> appenders = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String record = "rec-" + t;
                Thread appender = new Thread(() -> {
                    try {
                        while (true) {
                            AuditEntry entry = trail.append(AuditFixtures.read(record));
                            print(out, "ACK " + entry.sequence() + " " + entry.hash() + " " + record);
                        }
                    } catch (RuntimeException storeGone) {
                        // the store went away; what was printed is what was acknowledged
                    }
                }, "appender-" + t);
                appenders.add(appender);
                appender.start();
            }
            for (Thread appender : appenders) {
                appender.join();
            }
        } catch (RuntimeException storeGone) {
            // closing against a store that is gone
        }
        System.exit(3);
    }

    private static void print(PrintStream out, String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
