package edu.studentrecords.embedded;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * A store serving one data folder: the MVStore file, the server listening on it, and the port file.
 *
 * <p>Opening the store file takes an exclusive file lock, which is what keeps a second store off the same
 * data folder. The port file is written only once the server listens and removed on a clean stop, so its
 * presence after a crash is no proof that a store runs.
 */
final class RunningStore implements AutoCloseable {

    static final String STORE_FILE_NAME = "records.mv";
    static final String PORT_FILE_NAME = "store.port";
    /** H2's default delay between background commits, for {@link WriteDurability#NONE}. */
    private static final int STOCK_AUTO_COMMIT_DELAY_MILLIS = 1000;

    private static final Logger LOG = Logger.getLogger(RunningStore.class.getName());

    private final MongoServer server;
    private final StoreHousekeeping housekeeping;
    private final Path portFile;
    private final InetSocketAddress address;

    private RunningStore(MongoServer server, StoreHousekeeping housekeeping, Path portFile, InetSocketAddress address) {
        this.server = server;
        this.housekeeping = housekeeping;
        this.portFile = portFile;
        this.address = address;
    }

    /**
     * Opens the data folder and starts listening.
     *
     * @throws StartRefusedException if the folder is in use, the port is taken or the store file cannot be opened
     */
    static RunningStore start(LauncherOptions options) throws StartRefusedException {
        Path dataDirectory = options.dataDirectory().toAbsolutePath();
        createDirectory(dataDirectory);
        int cacheMegabytes = options.cacheMegabytes(Runtime.getRuntime().maxMemory());
        MVStore mvStore = openStoreFile(dataDirectory.resolve(STORE_FILE_NAME), cacheMegabytes);
        GroupCommit groupCommit = groupCommitFor(mvStore, options.durability());
        H2Backend backend;
        if (groupCommit == null) {
            backend = new StoreBackend(mvStore);
            // The stock behaviour: the file is written in the background about once a second, housekeeping included.
            mvStore.setAutoCommitDelay(STOCK_AUTO_COMMIT_DELAY_MILLIS);
        } else {
            backend = new DurableH2Backend(mvStore, groupCommit);
        }
        MongoServer server = new MongoServer(backend);
        bind(server, options);
        InetSocketAddress address = server.getLocalAddress();
        Path portFile = dataDirectory.resolve(PORT_FILE_NAME);
        // Started once the backend has opened (and re-sorted) every database, like the commits themselves.
        StoreHousekeeping housekeeping = groupCommit == null ? null : StoreHousekeeping.start(mvStore, groupCommit);
        RunningStore store = new RunningStore(server, housekeeping, portFile, address);
        store.writePortFile();
        LOG.info(() -> "serving " + dataDirectory + " on " + address.getPort()
            + " with durability " + options.durability().optionValue() + " and a page cache of " + cacheMegabytes + " MB");
        return store;
    }

    /** The address the server listens on, with the actual port when port 0 was asked for. */
    InetSocketAddress address() {
        return address;
    }

    /**
     * Stops listening, closes the client connections and closes the store file, which writes whatever is
     * not yet written. Removes the port file.
     */
    @Override
    public void close() {
        if (housekeeping != null) {
            housekeeping.close();
        }
        server.shutdownNow();
        try {
            Files.deleteIfExists(portFile);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not remove the port file " + portFile, e);
        }
    }

    private static void createDirectory(Path dataDirectory) throws StartRefusedException {
        try {
            Files.createDirectories(dataDirectory);
        } catch (IOException e) {
            throw new StartRefusedException("cannot create the data folder " + dataDirectory + ": " + e,
                ExitCodes.START_FAILED);
        }
    }

    private static MVStore openStoreFile(Path storeFile, int cacheMegabytes) throws StartRefusedException {
        // Only our commits may write the file: a background commit could catch a write half done (see GroupCommit),
        // or the backend's indexes half re-sorted while it opens (see StoreBackend).
        MVStore.Builder builder = new MVStore.Builder().fileName(storeFile.toString()).autoCommitDisabled()
            .cacheSize(cacheMegabytes);
        try {
            return builder.open();
        } catch (MVStoreException e) {
            if (e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
                throw new StartRefusedException("the data folder " + storeFile.getParent()
                    + " is in use by another running embedded store (" + storeFile.getFileName() + " is locked)",
                    ExitCodes.DATA_FOLDER_IN_USE);
            }
            throw new StartRefusedException("cannot open the store file " + storeFile + ": " + e.getMessage(),
                ExitCodes.START_FAILED);
        }
    }

    /** The commits of a durable store, or null for {@link WriteDurability#NONE} (H2 writes in the background). */
    private static GroupCommit groupCommitFor(MVStore mvStore, WriteDurability durability) {
        switch (durability) {
            case NONE:
                return null;
            case COMMIT:
                return new GroupCommit(mvStore, false);
            case FSYNC:
                return new GroupCommit(mvStore, true);
            default:
                throw new IllegalArgumentException("unknown durability " + durability);
        }
    }

    private static void bind(MongoServer server, LauncherOptions options) throws StartRefusedException {
        try {
            server.bind(options.bindAddress(), options.port());
        } catch (Exception e) {
            // Netty rethrows the checked BindException undeclared, and then MongoServer 1.47.0 leaves its
            // event loops running: without shutting them down here the process would never exit.
            server.shutdownNow();
            BindException bindFailure = causeOfType(e, BindException.class);
            if (bindFailure != null) {
                throw new StartRefusedException("cannot listen on " + options.bindAddress() + ":" + options.port()
                    + ": " + bindFailure.getMessage(), ExitCodes.PORT_IN_USE);
            }
            throw new StartRefusedException("cannot listen on " + options.bindAddress() + ":" + options.port()
                + ": " + e, ExitCodes.START_FAILED);
        }
    }

    private static <T extends Throwable> T causeOfType(Throwable thrown, Class<T> type) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    private void writePortFile() throws StartRefusedException {
        // Written beside and then moved, so a reader never sees a half-written number.
        Path partial = portFile.resolveSibling(PORT_FILE_NAME + ".partial");
        try {
            Files.writeString(partial, address.getPort() + System.lineSeparator(), StandardCharsets.US_ASCII);
            Files.move(partial, portFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            server.shutdownNow();
            throw new StartRefusedException("cannot write the port file " + portFile + ": " + e,
                ExitCodes.START_FAILED);
        }
    }
}
