package edu.studentrecords.embedded;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An embedded store running as a child process of this JVM, for tests and tools.
 *
 * <p>The child is started with this JVM's {@code java} binary and this JVM's class path
 * ({@code java.class.path}), which therefore has to contain this module and its runtime dependencies,
 * as the test class path of a module depending on it does. It listens on a free loopback port chosen
 * by the operating system and stores its data in the given folder. {@link #start} returns once the
 * child has printed its ready line, so the store accepts connections from then on.
 *
 * <p>If this JVM exits without {@link #stop()}, {@link #kill()} or {@link #close()}, the child is killed
 * by a shutdown hook, so no store outlives the tests that started it (unless this JVM is itself killed).
 *
 * <p>Not thread-safe: one thread owns an instance.
 */
public final class EmbeddedStoreProcess implements AutoCloseable {

    /** How long {@link #start} waits for the ready line before giving up. */
    public static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern READY_LINE =
        Pattern.compile(Pattern.quote(EmbeddedStoreLauncher.READY_PREFIX) + "(\\S+):(\\d+)");
    private static final int STDERR_TAIL_LINES = 40;

    private final Process process;
    private final Path dataDirectory;
    private final int port;
    private final OutputTail stderrTail;
    private final Thread killOnExit;

    private EmbeddedStoreProcess(Process process, Path dataDirectory, int port, OutputTail stderrTail,
                                 Thread killOnExit) {
        this.process = process;
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.stderrTail = stderrTail;
        this.killOnExit = killOnExit;
    }

    /**
     * Starts a store on {@code dataDirectory} with the default durability ({@link WriteDurability#COMMIT}).
     *
     * @param dataDirectory the data folder; created if missing; must not be in use by another store
     * @return the running store, ready for connections
     * @throws IllegalStateException if the child exits or does not get ready within {@link #STARTUP_TIMEOUT};
     *                               the message contains the end of the child's standard error
     */
    public static EmbeddedStoreProcess start(Path dataDirectory) {
        return start(dataDirectory, WriteDurability.COMMIT);
    }

    /**
     * Starts a store on {@code dataDirectory} with the given durability.
     *
     * @param dataDirectory the data folder; created if missing; must not be in use by another store
     * @param durability    when the store acknowledges writes; {@link WriteDurability#NONE} only to measure
     * @return the running store, ready for connections
     * @throws IllegalStateException if the child exits or does not get ready within {@link #STARTUP_TIMEOUT};
     *                               the message contains the end of the child's standard error
     */
    public static EmbeddedStoreProcess start(Path dataDirectory, WriteDurability durability) {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(durability, "durability");
        List<String> command = launcherCommand(List.of(
            "--port", "0",
            "--data", dataDirectory.toAbsolutePath().toString(),
            "--durability", durability.optionValue()));
        Process process = startProcess(command);
        Thread killOnExit = new Thread(process::destroyForcibly, "embedded-store-kill-on-exit");
        Runtime.getRuntime().addShutdownHook(killOnExit);
        OutputTail stderrTail = new OutputTail(STDERR_TAIL_LINES);
        drainInBackground(process.getErrorStream(), stderrTail::add, "embedded-store-stderr");
        CompletableFuture<Integer> readyPort = new CompletableFuture<>();
        drainInBackground(process.getInputStream(), line -> {
            Matcher ready = READY_LINE.matcher(line);
            if (ready.matches()) {
                readyPort.complete(Integer.valueOf(ready.group(2)));
            }
        }, "embedded-store-stdout");
        process.onExit().thenRun(() -> readyPort.completeExceptionally(
            new IllegalStateException("the embedded store exited with status " + process.exitValue())));
        try {
            int port = readyPort.get(STARTUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return new EmbeddedStoreProcess(process, dataDirectory, port, stderrTail, killOnExit);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            waitFor(process);
            removeHook(killOnExit);
            String reason = e instanceof TimeoutException
                ? "did not print its ready line within " + STARTUP_TIMEOUT.toSeconds() + " s"
                : e.getCause().getMessage();
            throw new IllegalStateException("embedded store on " + dataDirectory + " " + reason
                + "; its standard error ended with:" + System.lineSeparator() + stderrTail.text());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            removeHook(killOnExit);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the embedded store was starting", e);
        }
    }

    /** The port the store listens on, on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** The MongoDB connection string of the store, {@code mongodb://127.0.0.1:<port>}. */
    public String connectionString() {
        return "mongodb://127.0.0.1:" + port;
    }

    /** The data folder the store was started on. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** The processor time the store process has used so far, as the system counts it; zero if it cannot say. */
    public Duration cpuTime() {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** Whether the child process is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Kills the store the hard way, like a crash: SIGKILL, no shutdown hook runs. Returns once the process
     * is gone, so its data folder can be opened again. Does nothing if it has already ended.
     */
    public void kill() {
        process.destroyForcibly();
        waitFor(process);
        removeHook(killOnExit);
    }

    /**
     * Stops the store gracefully with SIGTERM and waits until it has exited, by which time its store file
     * is closed and the port file removed. Does nothing if it has already ended.
     *
     * @throws IllegalStateException if it did not stop within 30 s; it is then killed
     */
    public void stop() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    kill();
                    throw new IllegalStateException("embedded store did not stop within "
                        + STOP_TIMEOUT.toSeconds() + " s and was killed; its standard error ended with:"
                        + System.lineSeparator() + stderrTail.text());
                }
            } catch (InterruptedException e) {
                kill();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while stopping the embedded store", e);
            }
        }
        removeHook(killOnExit);
    }

    /** The last lines the store wrote to standard error, for diagnostics. */
    public String stderrTail() {
        return stderrTail.text();
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** The command that runs the launcher with this JVM's binary and class path, followed by {@code arguments}. */
    static List<String> launcherCommand(List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(EmbeddedStoreLauncher.class.getName());
        command.addAll(arguments);
        return command;
    }

    /** The {@code java} binary of this JVM. */
    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Process startProcess(List<String> command) {
        try {
            return new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded store process", e);
        }
    }

    /** Reads a child's stream to its end, so that the child never blocks on a full pipe. */
    private static void drainInBackground(InputStream stream, Consumer<String> lineConsumer, String threadName) {
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    lineConsumer.accept(line);
                }
            } catch (IOException e) {
                // The child is gone; what it wrote until then has been consumed.
            }
        }, threadName);
        reader.setDaemon(true);
        reader.start();
    }

    private static void waitFor(Process process) {
        boolean interrupted = false;
        while (true) {
            try {
                process.waitFor();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // This JVM is already shutting down and runs the hook anyway.
        }
    }
}
