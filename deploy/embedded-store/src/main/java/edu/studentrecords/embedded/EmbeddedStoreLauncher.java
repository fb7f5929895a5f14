package edu.studentrecords.embedded;

import java.io.PrintStream;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the embedded store: mongo-java-server with its H2 file backend, in a process of its own.
 *
 * <p>Command line: {@code [--port N] [--data DIR] [--bind ADDR] [--durability commit|fsync]}, see
 * {@link LauncherOptions#USAGE}. Once the server listens, the launcher writes the port to
 * {@code DIR/store.port} and then prints exactly one line to standard output,
 * {@value #READY_PREFIX}{@code <address>:<port>}; nothing else is ever written to standard output.
 * Diagnostics go to standard error and never contain document contents.
 *
 * <p>SIGTERM or SIGINT stops the server and closes the store file, so everything is on disk. Exit
 * statuses: 2 for a wrong command line, 3 if another store runs on the data folder, 4 if the port is
 * taken, 1 for any other failure to start.
 */
public final class EmbeddedStoreLauncher {

    /** The ready line starts with this text, followed by {@code host:port}. */
    public static final String READY_PREFIX = "embedded-store ready on ";

    private EmbeddedStoreLauncher() {
    }

    /** Starts the store and returns; the server threads keep the process alive until it is signalled. */
    public static void main(String[] args) {
        ProcessLogging.configure();
        int exitCode = run(args, System.out, System.err);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    private static int run(String[] args, PrintStream out, PrintStream err) {
        LauncherOptions options;
        try {
            options = LauncherOptions.parse(args);
        } catch (UsageException e) {
            err.println("embedded-store: " + e.getMessage());
            err.println(LauncherOptions.USAGE);
            return ExitCodes.USAGE;
        }
        if (options.helpRequested()) {
            err.println(LauncherOptions.USAGE);
            return 0;
        }
        RunningStore store;
        try {
            store = RunningStore.start(options);
        } catch (StartRefusedException e) {
            err.println("embedded-store: " + e.getMessage());
            return e.exitCode();
        } catch (RuntimeException e) {
            Logger.getLogger(EmbeddedStoreLauncher.class.getName()).log(Level.SEVERE, "failed to start", e);
            return ExitCodes.START_FAILED;
        }
        stopOnSignal(store);
        out.println(READY_PREFIX + store.address().getAddress().getHostAddress() + ":" + store.address().getPort());
        out.flush();
        return 0;
    }

    private static void stopOnSignal(RunningStore store) {
        Runtime.getRuntime().addShutdownHook(new Thread(store::close, "embedded-store-shutdown"));
    }
}
