package edu.studentrecords.embedded;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/** The launcher run as a child process with arguments of the test's choosing; its output is collected. */
final class LauncherRun implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 60;

    private final Process process;
    private final List<String> stdout = Collections.synchronizedList(new ArrayList<>());
    private final List<String> stderr = Collections.synchronizedList(new ArrayList<>());
    private final Thread stdoutReader;
    private final Thread stderrReader;

    private LauncherRun(Process process) {
        this.process = process;
        this.stdoutReader = collect(process.getInputStream(), stdout);
        this.stderrReader = collect(process.getErrorStream(), stderr);
    }

    static LauncherRun start(String... arguments) {
        try {
            return new LauncherRun(new ProcessBuilder(EmbeddedStoreProcess.launcherCommand(List.of(arguments))).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the process to end by itself and returns its exit status. */
    int awaitExit() throws InterruptedException {
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the launcher did not exit; stderr: " + stderr());
        }
        stdoutReader.join();
        stderrReader.join();
        return process.exitValue();
    }

    /** Waits until the launcher has printed a first line on standard output and returns it. */
    String awaitFirstStdoutLine() {
        try {
            return await().atMost(Duration.ofSeconds(TIMEOUT_SECONDS)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(20))
                .until(this::stdoutWhileRunning, lines -> !lines.isEmpty()).get(0);
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("no line on standard output; stderr: " + stderr(), e);
        }
    }

    /** What the launcher printed so far; a failure once it has exited without printing anything. */
    private List<String> stdoutWhileRunning() {
        boolean running = process.isAlive();
        List<String> lines = stdout();
        if (lines.isEmpty() && !running) {
            throw new IllegalStateException("the launcher exited; stderr: " + stderr());
        }
        return lines;
    }

    /** Sends SIGTERM, as a service manager or Ctrl-C does, and returns the exit status. */
    int terminate() throws InterruptedException {
        process.destroy();
        return awaitExit();
    }

    List<String> stdout() {
        synchronized (stdout) {
            return List.copyOf(stdout);
        }
    }

    String stderr() {
        synchronized (stderr) {
            return String.join(System.lineSeparator(), stderr);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private static Thread collect(InputStream stream, List<String> lines) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // The process is gone; what it wrote has been collected.
            }
        });
        reader.setDaemon(true);
        reader.start();
        return reader;
    }
}
