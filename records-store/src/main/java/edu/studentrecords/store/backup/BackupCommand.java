package edu.studentrecords.store.backup;

import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.StoreSettings;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command line for backup and restore of one store database:
 *
 * <pre>
 * backup  --connection-string URI --database NAME --keys-dir DIR --out FILE [--generate-key]
 * restore --connection-string URI --database NAME --keys-dir DIR --in FILE
 * verify  --keys-dir DIR --in FILE
 * </pre>
 *
 * Progress lines (phase, collection, documents done/total) and the outcome go to standard error; a command-line
 * tool has no other place for them, and they hold counts and collection names only. Exit status 0 on success,
 * 1 when the command failed, 2 on a usage error.
 */
public final class BackupCommand {

    private static final String USAGE = """
            usage:
              backup  --connection-string URI --database NAME --keys-dir DIR --out FILE [--generate-key]
              restore --connection-string URI --database NAME --keys-dir DIR --in FILE
              verify  --keys-dir DIR --in FILE
            The backup key is backup.key in the keys folder (--generate-key creates it on a first backup); restore
            also needs master.key there, and replays the erasure ledger erasures/<database>.ledger of that folder.""";
    private static final Set<String> FLAGS = Set.of("--generate-key");

    private BackupCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.err));
    }

    /** Runs a command; returns the exit status. */
    static int run(String[] args, PrintStream err) {
        if (args.length == 0) {
            err.println(USAGE);
            return 2;
        }
        Map<String, String> options;
        try {
            options = parse(List.of(args).subList(1, args.length));
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        String command = args[0];
        if (!Set.of("backup", "restore", "verify").contains(command)) {
            err.println("unknown command " + command);
            err.println(USAGE);
            return 2;
        }
        try {
            StoreSettings settings = StoreSettings.builder()
                    .connectionString(options.getOrDefault("--connection-string", "mongodb://127.0.0.1:27017"))
                    .database(options.getOrDefault("--database", "student_records"))
                    .keysDirectory(Path.of(require(options, "--keys-dir")))
                    .generateMissingKeys(options.containsKey("--generate-key"))
                    .build();
            ProgressListener progress = p -> err.println(p.describe());
            try (StoreBackup backup = StoreBackup.connect(settings)) {
                switch (command) {
                    case "backup" -> {
                        BackupManifest m = backup.backup(Path.of(require(options, "--out")), progress);
                        err.println("backup complete: " + m.totalDocuments() + " documents in " + m.collections().size()
                                + " collections");
                    }
                    case "restore" -> {
                        RestoreReport r = backup.restore(Path.of(require(options, "--in")), progress);
                        err.println("restore complete: " + r.documentsWritten() + " documents written, " + r.erasedSkipped()
                                + " left out as erased, " + r.erasuresReplayed() + " erasures replayed; rebuild the search index");
                    }
                    default -> {
                        BackupManifest m = backup.verify(Path.of(require(options, "--in")), progress);
                        err.println("backup intact: " + m.totalDocuments() + " documents in " + m.collections().size()
                                + " collections, taken " + m.startedAt() + " to " + m.finishedAt());
                    }
                }
            }
            return 0;
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (StoreException | IllegalStateException e) {
            err.println(command + " failed: " + e.getMessage());
            return 1;
        } catch (UncheckedIOException e) {
            err.println(command + " failed: " + e.getMessage() + ": " + e.getCause());
            return 1;
        } catch (RuntimeException e) {
            // A driver's message can quote document values (a duplicate key names it): only the kind is shown.
            err.println(command + " failed: " + e.getClass().getSimpleName());
            return 1;
        }
    }

    private static Map<String, String> parse(List<String> args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String name = args.get(i);
            if (FLAGS.contains(name)) {
                options.put(name, "true");
            } else if (name.startsWith("--") && i + 1 < args.size()) {
                options.put(name, args.get(++i));
            } else {
                throw new IllegalArgumentException("unexpected argument " + name);
            }
        }
        return options;
    }

    private static String require(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }
}
