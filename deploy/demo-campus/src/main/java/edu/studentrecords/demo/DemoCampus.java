package edu.studentrecords.demo;

import edu.studentrecords.store.StoreSettings;
import edu.studentrecords.store.StudentRecords;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The demo campus command.
 *
 * <pre>
 * java -jar demo-campus.jar realm --out FILE [--seed N] [--students N] [--smtp-port N]
 * java -jar demo-campus.jar seed --connection-string URI --keys-dir DIR [--database NAME] [--generate-keys]
 *                                [--seed N] [--students N]
 * </pre>
 *
 * {@code realm} writes the realm file for Keycloak's import (with {@code --smtp-port}, the realm mails through a mail
 * server on that port of 127.0.0.1, and the centre's mails go to a centre address of the demo);
 * {@code seed} enrols the same campus's students in
 * the record store (database {@code student_records_campus} by default). Exit code 0 on success, 2 on a usage
 * error, 1 on any other failure.
 */
public final class DemoCampus {

    private static final Logger LOG = Logger.getLogger(DemoCampus.class);
    private static final String USAGE = "usage: realm --out FILE [--seed N] [--students N] [--smtp-port N]\n"
            + "       seed --connection-string URI --keys-dir DIR [--database NAME] [--generate-keys] [--seed N] [--students N]";

    private DemoCampus() {
    }

    public static void main(String[] args) {
        try {
            run(List.of(args));
        } catch (IllegalArgumentException e) {
            LOG.error(e.getMessage() + "\n" + USAGE);
            System.exit(2);
        } catch (RuntimeException e) {
            LOG.error("demo campus failed", e);
            System.exit(1);
        }
    }

    static void run(List<String> args) {
        Deque<String> rest = new ArrayDeque<>(args);
        String command = rest.pollFirst();
        if (command == null) {
            throw new IllegalArgumentException("no command");
        }
        long seed = Campus.DEFAULT_SEED;
        int students = Campus.DEFAULT_STUDENTS;
        Path out = null;
        String connection = null;
        Path keys = null;
        String database = "student_records_" + RealmFile.REALM;
        boolean generateKeys = false;
        Integer smtpPort = null;
        while (!rest.isEmpty()) {
            String option = rest.pollFirst();
            switch (option) {
                case "--seed" -> seed = Long.parseLong(value(rest, option));
                case "--students" -> students = Integer.parseInt(value(rest, option));
                case "--out" -> out = Path.of(value(rest, option));
                case "--connection-string" -> connection = value(rest, option);
                case "--keys-dir" -> keys = Path.of(value(rest, option));
                case "--database" -> database = value(rest, option);
                case "--generate-keys" -> generateKeys = true;
                case "--smtp-port" -> smtpPort = Integer.parseInt(value(rest, option));
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        Campus campus = Campus.generate(seed, students);
        switch (command) {
            case "realm" -> {
                require(out, "--out");
                new RealmFile(campus, smtpPort).writeTo(out);
                LOG.infof("Realm %s written: %d users (%d students)", RealmFile.REALM, campus.people().size(),
                        campus.students().size());
            }
            case "seed" -> {
                require(connection, "--connection-string");
                require(keys, "--keys-dir");
                StoreSettings settings = StoreSettings.builder()
                        .connectionString(connection)
                        .database(database)
                        .keysDirectory(keys)
                        .generateMissingKeys(generateKeys)
                        .build();
                long started = System.nanoTime();
                try (StudentRecords store = StudentRecords.connect(settings)) {
                    RecordSeeder.Report report = new RecordSeeder(store.records(), store.guardians(), seed,
                            Clock.systemUTC()).seed(campus);
                    LOG.infof("Student records in %s: %d enrolled now, %d already there (%d ms)", database,
                            report.created(), report.skipped(), (System.nanoTime() - started) / 1_000_000);
                }
            }
            default -> throw new IllegalArgumentException("unknown command " + command);
        }
    }

    private static String value(Deque<String> rest, String option) {
        String value = rest.pollFirst();
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    private static void require(Object value, String option) {
        if (value == null) {
            throw new IllegalArgumentException(option + " is required");
        }
    }
}
