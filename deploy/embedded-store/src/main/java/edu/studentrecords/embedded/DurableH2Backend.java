package edu.studentrecords.embedded;

import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

/**
 * The store's H2 file backend ({@link StoreBackend}), changed so that a command that may write returns only once
 * its changes are in the store file.
 *
 * <p>Unless its write concern says {@code j: false} in so many words: MongoDB then acknowledges the write once it is
 * applied, before it is in the journal, and so does this backend. Its changes are in the store file with the next
 * commit, which any later durable write makes; a crash before that loses them. A write concern without {@code j}, or
 * none at all, is durable as before.
 *
 * <p>In mongo-java-server 1.47.0 every command of the wire protocol, OP_MSG and OP_QUERY on {@code $cmd}
 * alike, is answered by {@link #handleCommand}, and the reply is sent only after it returns. Committing
 * at the end of this method is therefore the last moment before the client sees the acknowledgement.
 * The commit also runs when the command fails, because a failed multi-document write may have changed
 * some documents before it stopped. A command that only reads takes no lock: it keeps the version it started on
 * ({@link GroupCommit#duringRead}), since the commits of other writers may meanwhile give back the room of the pages
 * it has yet to read.
 *
 * <p>Thread-safe: the server calls it from several event-loop threads.
 */
final class DurableH2Backend extends StoreBackend {

    private final GroupCommit groupCommit;

    DurableH2Backend(MVStore store, GroupCommit groupCommit) {
        super(store);
        this.groupCommit = groupCommit;
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        if (ReadOnlyCommands.isReadOnly(command, query)) {
            return groupCommit.duringRead(() -> DurableH2Backend.super.handleCommand(channel, databaseName, command, query));
        }
        try {
            return groupCommit.duringWrite(() -> DurableH2Backend.super.handleCommand(channel, databaseName, command, query));
        } finally {
            if (!waivesJournal(query)) {
                groupCommit.awaitDurable();
            }
        }
    }

    /** Whether the command's write concern asks, explicitly, not to wait for the journal ({@code j: false}). */
    static boolean waivesJournal(Document command) {
        return command.get("writeConcern") instanceof Document writeConcern && Boolean.FALSE.equals(writeConcern.get("j"));
    }
}
