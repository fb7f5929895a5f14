package edu.studentrecords.it;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A Java Flight Recorder profile of a running JVM over some phases ({@code jcmd JFR.start} and {@code JFR.stop}), and
 * its summary: the CPU samples by the code they are in (the innermost frame's area, the methods of the code of interest
 * on the stack) and the time threads spent waiting on sockets and locks.
 */
final class FlightProfile {

    /** Keycloak with the extension: the product's own methods are the ones of interest. */
    static final String KEYCLOAK = "Keycloak's JVM (with the extension)";
    /** The embedded record store: its engine's methods are the ones of interest too. */
    static final String STORE = "The record store's JVM (the embedded engine, H2 file)";

    private static final Map<String, List<String>> OWN_CODE = Map.of(
        KEYCLOAK, List.of("edu.studentrecords."),
        STORE, List.of("edu.studentrecords.", "de.bwaldvogel.mongo."));

    /** Areas by class name prefix; the first that matches the innermost frame names the sample. */
    private static final Map<String, String> AREAS = new LinkedHashMap<>();

    static {
        AREAS.put("edu.studentrecords.", "the product's own code");
        AREAS.put("com.mongodb.", "MongoDB driver (talking to the record store)");
        AREAS.put("org.bson.", "BSON encoding and decoding");
        AREAS.put("com.fasterxml.jackson.", "Jackson (JSON)");
        AREAS.put("javax.crypto.", "cryptography (JCE)");
        AREAS.put("com.sun.crypto.", "cryptography (JCE)");
        AREAS.put("sun.security.", "cryptography (JCE)");
        AREAS.put("org.bouncycastle.", "cryptography (Bouncy Castle)");
        AREAS.put("org.apache.lucene.", "Lucene (search index)");
        AREAS.put("org.keycloak.", "Keycloak");
        AREAS.put("de.bwaldvogel.mongo.", "mongo-java-server (the embedded record store's engine)");
        AREAS.put("org.hibernate.", "Hibernate and the database");
        AREAS.put("org.h2.mvstore.", "H2 MVStore (a database file: Keycloak's development database, the record store's file)");
        AREAS.put("org.h2.", "Hibernate and the database");
        AREAS.put("org.infinispan.", "Infinispan caches");
        AREAS.put("io.netty.", "Netty / Vert.x / RESTEasy (HTTP)");
        AREAS.put("io.vertx.", "Netty / Vert.x / RESTEasy (HTTP)");
        AREAS.put("org.jboss.resteasy.", "Netty / Vert.x / RESTEasy (HTTP)");
        AREAS.put("io.quarkus.", "Quarkus");
        AREAS.put("java.", "JDK (collections, strings, I/O, ...)");
        AREAS.put("jdk.", "JDK (collections, strings, I/O, ...)");
        AREAS.put("sun.", "JDK (collections, strings, I/O, ...)");
    }

    private final Path folder;
    private final String jvm;
    private final String what;
    private final List<String> own;
    private final List<Path> files = new java.util.ArrayList<>();

    /**
     * Recordings of {@code what} ("the record-read phases") in {@code jvm} ({@link #KEYCLOAK} or {@link #STORE}) go to
     * {@code folder}, one file per {@link #start}.
     */
    FlightProfile(Path folder, String jvm, String what) {
        this.folder = folder;
        this.jvm = jvm;
        this.what = what;
        this.own = OWN_CODE.get(jvm);
        if (own == null) {
            throw new IllegalArgumentException("unknown JVM: " + jvm);
        }
    }

    void start(ProcessHandle jvm) throws IOException, InterruptedException {
        Files.createDirectories(folder);
        Path file = folder.resolve((this.jvm.equals(STORE) ? "store-" : "") + what.replaceAll("[^a-z]+", "-") + (files.size() + 1)
            + ".jfr").toAbsolutePath();
        Files.deleteIfExists(file);
        files.add(file);
        jcmd(jvm, "JFR.start", "name=load", "settings=profile", "filename=" + file);
    }

    void stop(ProcessHandle jvm) throws IOException, InterruptedException {
        jcmd(jvm, "JFR.stop", "name=load");
    }

    private static void jcmd(ProcessHandle jvm, String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("jcmd", Long.toString(jvm.pid())));
        command.addAll(List.of(arguments));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("jcmd failed: " + output);
        }
    }

    /** The summary as markdown: tables of the samples by area, by the product's method, and of the waiting. */
    String summary() throws IOException {
        if (files.isEmpty()) {
            return "No profile was recorded.\n";
        }
        Map<String, Integer> areas = new HashMap<>();
        Map<String, Integer> ours = new HashMap<>();
        Map<String, Integer> leaves = new HashMap<>();
        Map<String, Duration> waits = new HashMap<>();
        int samples = 0;
        List<RecordedEvent> events = new java.util.ArrayList<>();
        for (Path file : files) {
            events.addAll(RecordingFile.readAllEvents(file));
        }
        for (RecordedEvent event : events) {
            String type = event.getEventType().getName();
            RecordedStackTrace stack = event.getStackTrace();
            if (type.equals("jdk.ExecutionSample") && stack != null && !stack.getFrames().isEmpty()) {
                samples++;
                List<RecordedFrame> frames = stack.getFrames();
                String leaf = frames.get(0).getMethod().getType().getName();
                areas.merge(area(leaf), 1, Integer::sum);
                leaves.merge(leaf + "." + frames.get(0).getMethod().getName(), 1, Integer::sum);
                Set<String> seen = new LinkedHashSet<>();
                for (RecordedFrame frame : frames) {
                    String type2 = frame.getMethod().getType().getName();
                    if (isOwn(type2)) {
                        seen.add(shortName(type2) + "." + frame.getMethod().getName());
                    }
                }
                seen.forEach(method -> ours.merge(method, 1, Integer::sum));
            } else if (type.equals("jdk.SocketRead") || type.equals("jdk.JavaMonitorEnter") || type.equals("jdk.ThreadPark")
                    || type.equals("jdk.FileWrite") || type.equals("jdk.FileRead") || type.equals("jdk.FileForce")) {
                String where = "elsewhere";
                if (stack != null) {
                    for (RecordedFrame frame : stack.getFrames()) {
                        String name = frame.getMethod().getType().getName();
                        if (isOwn(name)) {
                            where = shortName(name) + "." + frame.getMethod().getName();
                            break;
                        }
                    }
                }
                if (!where.equals("elsewhere")) {
                    waits.merge(type.substring(4) + " under " + where, event.getDuration(), Duration::plus);
                }
            }
        }
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "%s recorded by JFR (`settings=profile`) over %s (%d recordings): %d CPU "
            + "samples.%n%n", jvm, what, files.size(), samples));
        md.append("| area of the innermost frame | share of CPU samples |\n|---|---|\n");
        appendShares(md, areas, samples, 12);
        md.append(String.format(Locale.ROOT, "%n| method of %s on the stack (inclusive) | share of CPU samples |%n|---|---|%n",
            String.join(" or ", own.stream().map(prefix -> "`" + prefix + "`").toList())));
        appendShares(md, ours, samples, 15);
        md.append("\n| hottest innermost methods | share of CPU samples |\n|---|---|\n");
        appendShares(md, leaves, samples, 10);
        md.append("\nWaiting (JFR records a park, a socket read or a contended lock of 10 ms or more under these settings), by "
            + "the innermost of those methods on the stack, summed over threads:\n\n");
        md.append("| waiting | total |\n|---|---|\n");
        waits.entrySet().stream().sorted(Map.Entry.<String, Duration>comparingByValue().reversed()).limit(12)
            .forEach(e -> md.append(String.format(Locale.ROOT, "| %s | %.1f s |%n", e.getKey(), e.getValue().toNanos() / 1e9)));
        return md.toString();
    }

    private static void appendShares(StringBuilder md, Map<String, Integer> counts, int samples, int limit) {
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())).limit(limit)
            .forEach(e -> md.append(String.format(Locale.ROOT, "| %s | %.1f%% |%n", e.getKey(),
                100.0 * e.getValue() / Math.max(1, samples))));
    }

    private static String area(String className) {
        for (Map.Entry<String, String> e : AREAS.entrySet()) {
            if (className.startsWith(e.getKey())) {
                return e.getValue();
            }
        }
        return "other (" + className.substring(0, Math.max(0, className.lastIndexOf('.'))) + ")";
    }

    private boolean isOwn(String className) {
        return own.stream().anyMatch(className::startsWith);
    }

    private String shortName(String className) {
        for (String prefix : own) {
            if (className.startsWith(prefix)) {
                return className.substring(prefix.length());
            }
        }
        return className;
    }
}
