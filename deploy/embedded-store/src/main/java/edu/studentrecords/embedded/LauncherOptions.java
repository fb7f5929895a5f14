package edu.studentrecords.embedded;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The launcher's command line, parsed and validated.
 *
 * @param port            TCP port to listen on, 0 to let the operating system pick a free one
 * @param dataDirectory   folder holding the store file and the port file; created if missing
 * @param bindAddress     address to listen on; loopback unless the operator asks otherwise
 * @param durability      when writes are acknowledged relative to reaching the disk
 * @param cacheMegabytes  the store file's page cache in MB, 0 for the default ({@link #cacheMegabytes(long)})
 * @param helpRequested   true if the user only asked for the usage text
 */
record LauncherOptions(int port, Path dataDirectory, String bindAddress, WriteDurability durability,
                       int cacheMegabytes, boolean helpRequested) {

    static final int DEFAULT_PORT = 27017;
    static final Path DEFAULT_DATA_DIRECTORY = Path.of("data", "store");
    static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
    static final WriteDurability DEFAULT_DURABILITY = WriteDurability.COMMIT;
    /** H2's own default, the least the page cache is given. */
    static final int MIN_CACHE_MEGABYTES = 16;
    static final int MAX_CACHE_MEGABYTES = 1 << 20;

    static final String USAGE = String.join(System.lineSeparator(),
        "Usage: embedded-store [--port N] [--data DIR] [--bind ADDR] [--durability commit|fsync] [--cache-mb N]",
        "  --port N          TCP port, 0 picks a free port (default " + DEFAULT_PORT + ")",
        "  --data DIR        data folder, created if missing (default " + DEFAULT_DATA_DIRECTORY + ")",
        "  --bind ADDR       listen address (default " + DEFAULT_BIND_ADDRESS + ", loopback only)",
        "  --durability M    commit: acknowledged writes survive a crash of this process (default)",
        "                    fsync:  acknowledged writes also survive a power loss (slower)",
        "                    none:   stock behaviour that loses recent writes on a crash; measurement only",
        "  --cache-mb N      memory for the store file's pages read or written lately, in MB",
        "                    (default a quarter of the process's heap, at least " + MIN_CACHE_MEGABYTES + ")",
        "  --help            show this text");

    LauncherOptions {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(durability, "durability");
    }

    /**
     * Parses the arguments of {@code main}.
     *
     * @throws UsageException with a message for the user if an option is unknown, lacks its value or has a bad one
     */
    static LauncherOptions parse(String... args) throws UsageException {
        int port = DEFAULT_PORT;
        Path dataDirectory = DEFAULT_DATA_DIRECTORY;
        String bindAddress = DEFAULT_BIND_ADDRESS;
        WriteDurability durability = DEFAULT_DURABILITY;
        int cacheMegabytes = 0;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--help":
                case "-h":
                    return new LauncherOptions(port, dataDirectory, bindAddress, durability, cacheMegabytes, true);
                case "--port":
                    port = parsePort(valueOf(args, ++i, option));
                    break;
                case "--data":
                    dataDirectory = parsePath(valueOf(args, ++i, option));
                    break;
                case "--bind":
                    bindAddress = parseBindAddress(valueOf(args, ++i, option));
                    break;
                case "--durability":
                    durability = parseDurability(valueOf(args, ++i, option));
                    break;
                case "--cache-mb":
                    cacheMegabytes = parseCacheMegabytes(valueOf(args, ++i, option));
                    break;
                default:
                    throw new UsageException("unknown option '" + option + "'");
            }
        }
        return new LauncherOptions(port, dataDirectory, bindAddress, durability, cacheMegabytes, false);
    }

    /**
     * The page cache to give the store file: the {@code --cache-mb} asked for, else a quarter of the heap the process
     * may use ({@code maxHeapBytes}), at least {@value #MIN_CACHE_MEGABYTES} MB. H2's own default of 16 MB holds the
     * pages of a few thousand records: a larger store would read and decode most pages again for every lookup.
     */
    int cacheMegabytes(long maxHeapBytes) {
        if (cacheMegabytes > 0) {
            return cacheMegabytes;
        }
        long quarter = maxHeapBytes / 4 / (1024 * 1024);
        return (int) Math.max(MIN_CACHE_MEGABYTES, Math.min(MAX_CACHE_MEGABYTES, quarter));
    }

    private static String valueOf(String[] args, int index, String option) throws UsageException {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new UsageException("option " + option + " needs a value");
        }
        return args[index];
    }

    private static int parsePort(String value) throws UsageException {
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65535) {
                throw new UsageException("--port must be between 0 and 65535, not " + port);
            }
            return port;
        } catch (NumberFormatException e) {
            throw new UsageException("--port needs a number, not '" + value + "'");
        }
    }

    private static Path parsePath(String value) throws UsageException {
        if (value.isBlank()) {
            throw new UsageException("--data needs a folder");
        }
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new UsageException("--data is not a valid folder name: " + e.getReason());
        }
    }

    private static String parseBindAddress(String value) throws UsageException {
        if (value.isBlank()) {
            throw new UsageException("--bind needs an address");
        }
        return value;
    }

    private static int parseCacheMegabytes(String value) throws UsageException {
        try {
            int megabytes = Integer.parseInt(value);
            if (megabytes < 1 || megabytes > MAX_CACHE_MEGABYTES) {
                throw new UsageException("--cache-mb must be between 1 and " + MAX_CACHE_MEGABYTES + ", not " + megabytes);
            }
            return megabytes;
        } catch (NumberFormatException e) {
            throw new UsageException("--cache-mb needs a number of megabytes, not '" + value + "'");
        }
    }

    private static WriteDurability parseDurability(String value) throws UsageException {
        try {
            return WriteDurability.fromOptionValue(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
