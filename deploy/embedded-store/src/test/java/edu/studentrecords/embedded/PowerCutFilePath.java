package edu.studentrecords.embedded;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.h2.store.fs.FileBaseDefault;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

/**
 * A file system for H2 ({@code powercut:} before a path) whose power a test can cut: what was written since the last
 * {@code force} is then on the device block by block at random, each 4 KiB block as it was at that force, as it was
 * last written, or torn between the two, as a disk that loses power may leave it; or whose process a test can kill
 * ({@link #crashAtWrite}), which keeps every write made before. Until {@link #restore} every read and write fails, as
 * for a machine that is off.
 *
 * <p>One state for the whole JVM, since H2 creates its paths by reflection (hence public): one test at a time.
 */
public final class PowerCutFilePath extends FilePathWrapper {

    static final String SCHEME = "powercut";
    static final int BLOCK = 4096;

    private static final Object LOCK = new Object();
    /** Each block written since the last force, with its content at that force; null: the file did not reach it. */
    private static final Map<Long, byte[]> BLOCKS_AT_LAST_FORCE = new HashMap<>();
    private static int writesUntilCut = -1;
    private static Random outcome = new Random();
    private static boolean off;

    static {
        FilePath.register(new PowerCutFilePath());
    }

    /** For H2, which makes one for each path. */
    public PowerCutFilePath() {
    }

    /** The name H2 opens {@code file} by through this file system. */
    static String nameOf(java.nio.file.Path file) {
        return SCHEME + ":" + file;
    }

    /** Cuts the power when the {@code writes}-th write from now starts (that write fails and is lost). */
    static void cutAtWrite(int writes, Random random) {
        synchronized (LOCK) {
            writesUntilCut = writes;
            outcome = random;
        }
    }

    /**
     * Kills the process when the {@code writes}-th write from now starts: every earlier write is in the file whole, as
     * the operating system keeps what a killed process handed it; that write and all after are lost.
     */
    static void crashAtWrite(int writes) {
        synchronized (LOCK) {
            writesUntilCut = writes;
            outcome = null;
        }
    }

    /** Power on again, nothing armed: the file as the cut left it. */
    static void restore() {
        synchronized (LOCK) {
            off = false;
            writesUntilCut = -1;
            BLOCKS_AT_LAST_FORCE.clear();
        }
    }

    static boolean isOff() {
        synchronized (LOCK) {
            return off;
        }
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public FileChannel open(String mode) throws IOException {
        return new Channel(getBase().open(mode));
    }

    private static final class Channel extends FileBaseDefault {

        private final FileChannel base;

        Channel(FileChannel base) {
            this.base = base;
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            synchronized (LOCK) {
                failIfOff();
                return base.read(dst, position);
            }
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            synchronized (LOCK) {
                failIfOff();
                if (writesUntilCut == 0) {
                    cut();
                    failIfOff();
                }
                if (writesUntilCut > 0) {
                    writesUntilCut--;
                }
                remember(position, position + src.remaining());
                return base.write(src, position);
            }
        }

        @Override
        public void force(boolean metaData) throws IOException {
            synchronized (LOCK) {
                failIfOff();
                base.force(metaData);
                BLOCKS_AT_LAST_FORCE.clear();
            }
        }

        @Override
        public long size() throws IOException {
            synchronized (LOCK) {
                failIfOff();
                return base.size();
            }
        }

        @Override
        protected void implTruncate(long size) throws IOException {
            synchronized (LOCK) {
                failIfOff();
                remember(size, base.size());
                base.truncate(size);
            }
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return base.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            base.close();
        }

        private void remember(long from, long to) throws IOException {
            long length = base.size();
            for (long block = from / BLOCK; block * BLOCK < to; block++) {
                if (!BLOCKS_AT_LAST_FORCE.containsKey(block)) {
                    BLOCKS_AT_LAST_FORCE.put(block, block * BLOCK < length ? contentOf(block, length) : null);
                }
            }
        }

        private byte[] contentOf(long block, long length) throws IOException {
            ByteBuffer content = ByteBuffer.allocate((int) Math.min(BLOCK, length - block * BLOCK));
            while (content.hasRemaining() && base.read(content, block * BLOCK + content.position()) > 0) {
                // until the block, or the file, ends
            }
            return content.array();
        }

        /**
         * Leaves each block written since the last force as it was then, as written since, or torn; after a crash of the
         * process, as written since.
         */
        private void cut() throws IOException {
            for (Map.Entry<Long, byte[]> block : BLOCKS_AT_LAST_FORCE.entrySet()) {
                if (outcome == null) {
                    // A crash of the process, not of the machine.
                    break;
                }
                int fate = outcome.nextInt(3);
                if (fate == 0) {
                    continue;
                }
                byte[] before = block.getValue() == null ? new byte[BLOCK] : block.getValue();
                int length = fate == 1 ? before.length : before.length / 2;
                base.write(ByteBuffer.wrap(before, 0, length), block.getKey() * BLOCK);
            }
            BLOCKS_AT_LAST_FORCE.clear();
            off = true;
        }

        private static void failIfOff() throws IOException {
            if (off) {
                throw new IOException("the power is off");
            }
        }
    }
}
