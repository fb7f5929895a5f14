package edu.studentrecords.embedded;

import de.bwaldvogel.mongo.backend.KeyValue;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * How the keys of a unique index ({@link KeyValue}s: the indexed fields' values) are ordered and stored in the store
 * file.
 *
 * <p>The H2 backend of mongo-java-server 1.47.0 leaves them to H2's {@link ObjectDataType}, which does not know the
 * class: it writes each key as a serialised Java object and, {@code KeyValue} not being {@code Comparable}, compares
 * two keys by serialising both and comparing the bytes. Every lookup by {@code _id} or another unique key does that
 * about twenty times, and every insert and update once per unique index as well: most of the store's time in finds,
 * inserts and updates went there. This type compares two keys field by field ({@link #compareValues}), and stores a
 * key as its field count and each value in {@code ObjectDataType}'s format. The order differs from the stock one, so
 * maps written with the stock type are re-sorted before use ({@link StoreDatabase}).
 *
 * <p>Thread-safe: the comparison keeps no state, and {@code ObjectDataType} writes, reads and sizes a value by the type
 * of that value alone.
 */
final class IndexKeyType extends BasicDataType<KeyValue> {

    static final IndexKeyType INSTANCE = new IndexKeyType();

    private static final int KEY_OVERHEAD = 24;

    private final ObjectDataType values = new ObjectDataType();

    private IndexKeyType() {
    }

    @Override
    public int compare(KeyValue a, KeyValue b) {
        if (a == b) {
            return 0;
        }
        int fields = Math.min(a.size(), b.size());
        for (int i = 0; i < fields; i++) {
            int c = compareValues(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    /**
     * Values of one class by their own order when they have one (strings, numbers, dates, object ids), by their
     * serialised bytes when not (documents, arrays, the "missing" marker); values of different classes by the class
     * name. Keeps no state: {@code ObjectDataType}'s comparison remembers the last type it met, and two threads
     * comparing values of different types at once can make it fail ("Can not compare").
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compareValues(Object a, Object b) {
        if (a == b) {
            return 0;
        }
        if (a == null || b == null) {
            return a == null ? -1 : 1;
        }
        Class<?> type = a.getClass();
        if (type != b.getClass()) {
            return type.getName().compareTo(b.getClass().getName());
        }
        if (a instanceof Comparable) {
            return ((Comparable) a).compareTo(b);
        }
        return Arrays.compareUnsigned(ObjectDataType.serialize(a), ObjectDataType.serialize(b));
    }

    @Override
    public int getMemory(KeyValue key) {
        int memory = KEY_OVERHEAD;
        for (Object value : key) {
            memory += values.getMemory(value);
        }
        return memory;
    }

    @Override
    public void write(WriteBuffer buffer, KeyValue key) {
        buffer.putVarInt(key.size());
        for (Object value : key) {
            values.write(buffer, value);
        }
    }

    @Override
    public KeyValue read(ByteBuffer buffer) {
        int fields = DataUtils.readVarInt(buffer);
        List<Object> read = new ArrayList<>(fields);
        for (int i = 0; i < fields; i++) {
            read.add(values.read(buffer));
        }
        return new KeyValue(read);
    }

    @Override
    public KeyValue[] createStorage(int size) {
        return new KeyValue[size];
    }
}
