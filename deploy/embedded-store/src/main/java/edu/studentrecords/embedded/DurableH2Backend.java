package edu.studentrecords.embedded;

import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

/**
 * The store's H2 file backend ({@link StoreBackend}), changed so that a command that may write returns only once
 * its changes are in the store file.
 *
 * <p>In mongo-java-server 1.47.0 every command of the wire protocol, OP_MSG and OP_QUERY on {@code $cmd}
 * alike, is answered by {@link #handleCommand}, and the reply is sent only after it returns. Committing
 * at the end of this method is therefore the last moment before the client sees the acknowledgement.
 * The commit also runs when the command fails, because a failed multi-document write may have changed
 * some documents before it stopped.
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
            return super.handleCommand(channel, databaseName, command, query);
        }
        try {
            return groupCommit.duringWrite(() -> DurableH2Backend.super.handleCommand(channel, databaseName, command, query));
        } finally {
            groupCommit.awaitDurable();
        }
    }
}
