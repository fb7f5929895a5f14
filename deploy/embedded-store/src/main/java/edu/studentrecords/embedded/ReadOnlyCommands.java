package edu.studentrecords.embedded;

import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Tells the commands that never change stored data from all others.
 *
 * <p>The list names the read-only commands rather than the writing ones on purpose: a command missing
 * from it costs a needless commit, while a writing command missing from a list of writes would be
 * acknowledged before it is durable.
 */
final class ReadOnlyCommands {

    private static final Set<String> NEVER_WRITE = Set.of(
        "find", "getmore", "count", "distinct", "killcursors", "explain",
        "listcollections", "listindexes", "listdatabases", "dbstats", "collstats", "validate",
        "hello", "ismaster", "ping", "buildinfo", "serverstatus", "whatsmyuri", "hostinfo",
        "getlasterror", "getparameter", "getcmdlineopts", "getlog", "getfreemonitoringstatus",
        "connectionstatus", "currentop", "endsessions", "dbhash", "saslstart", "saslcontinue");

    private ReadOnlyCommands() {
    }

    /**
     * Whether the command certainly leaves the stored data unchanged.
     *
     * @param command the command name, the first key of the command document (any case)
     * @param commandDocument the whole command document
     */
    static boolean isReadOnly(String command, Document commandDocument) {
        String name = command.toLowerCase(Locale.ROOT);
        if (name.equals("aggregate")) {
            return !writesOutput(commandDocument.get("pipeline"));
        }
        return NEVER_WRITE.contains(name);
    }

    /** An aggregation writes only through an {@code $out} or {@code $merge} stage. */
    private static boolean writesOutput(Object pipeline) {
        if (!(pipeline instanceof List)) {
            // An unexpected shape is treated as a possible write: a needless commit is harmless.
            return true;
        }
        for (Object stage : (List<?>) pipeline) {
            if (!(stage instanceof Document)) {
                return true;
            }
            Document stageDocument = (Document) stage;
            if (stageDocument.containsKey("$out") || stageDocument.containsKey("$merge")) {
                return true;
            }
        }
        return false;
    }
}
