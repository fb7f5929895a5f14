package edu.studentrecords.embedded;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Collection;
import java.util.Map;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * How a collection's documents are kept in the store file: as BSON, the form they arrive in over the wire.
 *
 * <p>The stock backend keeps them as serialised Java objects (H2's {@link ObjectDataType}, whose serialised form
 * repeats each class's description in every document): twice the room on disk, and a quarter of the store's work in
 * an import. A value this type writes starts with {@link #BSON}, a tag H2's own format never uses, then the document's
 * BSON. A value written before, by the stock backend, starts with one of H2's tags and is read as it was written; it
 * is written again as BSON whenever its page is, so a store file moves to the new form as it is used, without a
 * migration step. A value that BSON cannot hold (none arrives over the wire; the fallback is for safety) is written in
 * H2's form.
 *
 * <p>Values of a collection are only put, read and removed, never compared: {@link #compare} is not supported.
 * Stateless, so one instance serves every map and thread.
 */
final class DocumentType extends BasicDataType<Object> {

    static final DocumentType INSTANCE = new DocumentType();

    /** The tag before a value in BSON; H2's {@link ObjectDataType} tags are 0 to 119. */
    static final byte BSON = (byte) 0xBD;

    private static final int OBJECT_OVERHEAD = 24;
    private static final int ENTRY_OVERHEAD = 32;

    private DocumentType() {
    }

    @Override
    public int getMemory(Object value) {
        return memory(value);
    }

    /** An estimate of a value's heap size, for the page cache's accounting; no encoding. */
    private static int memory(Object value) {
        if (value instanceof Map<?, ?> map) {
            int memory = OBJECT_OVERHEAD;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                memory += ENTRY_OVERHEAD + memory(entry.getKey()) + memory(entry.getValue());
            }
            return memory;
        }
        if (value instanceof Collection<?> values) {
            int memory = OBJECT_OVERHEAD;
            for (Object element : values) {
                memory += 8 + memory(element);
            }
            return memory;
        }
        if (value instanceof CharSequence text) {
            return 40 + text.length();
        }
        if (value instanceof byte[] bytes) {
            return 16 + bytes.length;
        }
        return OBJECT_OVERHEAD;
    }

    @Override
    public void write(WriteBuffer buffer, Object value) {
        if (value instanceof Document document) {
            ByteBuf bson = Unpooled.buffer(256);
            try {
                BsonEncoder.encodeDocument(document, bson);
            } catch (RuntimeException notBson) {
                bson.release();
                new ObjectDataType().write(buffer, value);
                return;
            }
            try {
                buffer.put(BSON);
                buffer.put(bson.nioBuffer());
            } finally {
                bson.release();
            }
            return;
        }
        new ObjectDataType().write(buffer, value);
    }

    @Override
    public Object read(ByteBuffer buffer) {
        if (buffer.get(buffer.position()) != BSON) {
            // Written by the stock backend. A fresh instance each time: H2's type keeps state between calls.
            return new ObjectDataType().read(buffer);
        }
        buffer.get();
        int length = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt();
        // Decoded where it lies in the page: the decoder copies every string and byte array it keeps.
        ByteBuffer bson = buffer.slice(buffer.position(), length);
        buffer.position(buffer.position() + length);
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bson));
    }

    @Override
    public Object[] createStorage(int size) {
        return new Object[size];
    }
}
