package edu.studentrecords.store.testing;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bson.BsonDocument;

/**
 * Keeps a copy of every command a driver starts, to check what a piece of code asked the server for. Pass it to
 * {@code newClient}; thread-safe.
 */
public final class StartedCommands implements CommandListener {

    private final List<BsonDocument> started = new CopyOnWriteArrayList<>();

    @Override
    public void commandStarted(CommandStartedEvent event) {
        started.add(event.getCommand().clone());
    }

    /** Every command started since the last {@link #clear}, in order. */
    public List<BsonDocument> all() {
        return List.copyOf(started);
    }

    /** The commands of one kind ({@code find}, {@code update}, ...) started since the last {@link #clear}, in order. */
    public List<BsonDocument> named(String command) {
        return started.stream().filter(document -> document.getFirstKey().equals(command)).toList();
    }

    /** Forgets the commands started so far. */
    public void clear() {
        started.clear();
    }
}
