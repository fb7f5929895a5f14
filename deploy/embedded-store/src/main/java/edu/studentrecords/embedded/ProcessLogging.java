package edu.studentrecords.embedded;

/**
 * Logging of the store process: its own messages go through java.util.logging to standard error, one
 * line each; the messages of mongo-java-server are dropped.
 *
 * <p>mongo-java-server logs the whole request document when a command fails, and error messages such as
 * duplicate-key errors quote field values: both can hold personal data. Its SLF4J output is therefore
 * bound to the no-operation provider instead of being forwarded.
 */
final class ProcessLogging {

    private ProcessLogging() {
    }

    /** Call first in {@code main}, before any class that logs is loaded. */
    static void configure() {
        System.setProperty("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider");
        // Keeps SLF4J from announcing on standard error which provider it loaded.
        System.setProperty("slf4j.internal.verbosity", "WARN");
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format",
                "%1$tFT%1$tT.%1$tL %4$s embedded-store: %5$s%6$s%n");
        }
    }
}
