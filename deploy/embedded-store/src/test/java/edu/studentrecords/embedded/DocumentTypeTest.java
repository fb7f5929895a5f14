package edu.studentrecords.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;

/** Documents kept as BSON in the store file, and documents the stock backend kept as serialised Java objects. */
class DocumentTypeTest {

    @Test
    void aDocumentIsWrittenAsTaggedBsonAndReadBackEqual() {
        Document record = record();
        ByteBuffer written = write(record);

        assertThat(written.get(0)).isEqualTo(DocumentType.BSON);
        assertThat(DocumentType.INSTANCE.read(written)).isEqualTo(record);
        assertThat(written.remaining()).as("the whole value read, nothing more").isZero();
    }

    @Test
    void valuesWrittenOneAfterAnotherAreReadOneAfterAnother() {
        // A page holds its values back to back: each read must stop at its own value's end.
        Document first = record();
        Document second = new Document("_id", "other").append("n", 2);
        WriteBuffer buffer = new WriteBuffer();
        DocumentType.INSTANCE.write(buffer, first);
        new ObjectDataType().write(buffer, second);
        DocumentType.INSTANCE.write(buffer, second);
        ByteBuffer page = buffer.getBuffer().flip();

        assertThat(List.of(DocumentType.INSTANCE.read(page), DocumentType.INSTANCE.read(page),
            DocumentType.INSTANCE.read(page))).containsExactly(first, second, second);
        assertThat(page.remaining()).isZero();
    }

    @Test
    void aDocumentTheStockBackendSerialisedIsReadAsItWasWritten() {
        Document record = record();
        WriteBuffer buffer = new WriteBuffer();
        new ObjectDataType().write(buffer, record);
        ByteBuffer stock = buffer.getBuffer().flip();

        assertThat(stock.get(0)).isNotEqualTo(DocumentType.BSON);
        assertThat(DocumentType.INSTANCE.read(stock)).isEqualTo(record);
    }

    @Test
    void aValueThatIsNotADocumentIsKeptInH2sOwnForm() {
        ByteBuffer written = write(List.of("a", 1L));

        assertThat(written.get(0)).isNotEqualTo(DocumentType.BSON);
        assertThat(DocumentType.INSTANCE.read(written)).isEqualTo(List.of("a", 1L));
    }

    @Test
    void bsonTakesLessThanHalfTheRoomOfTheSerialisedForm() {
        Document record = record();
        WriteBuffer stock = new WriteBuffer();
        new ObjectDataType().write(stock, record);

        assertThat(write(record).remaining()).isLessThan(stock.position() / 2);
    }

    @Test
    void theCacheEstimateGrowsWithTheDocument() {
        Document small = new Document("_id", "s");
        Document large = record().append("notes", "x".repeat(2_000));

        assertThat(DocumentType.INSTANCE.getMemory(large)).isGreaterThan(DocumentType.INSTANCE.getMemory(small) + 2_000);
    }

    private static ByteBuffer write(Object value) {
        WriteBuffer buffer = new WriteBuffer();
        DocumentType.INSTANCE.write(buffer, value);
        return buffer.getBuffer().flip();
    }

    /** A generated record with every kind of value the wire brings. */
    private static Document record() {
        return new Document("_id", UUID.nameUUIDFromBytes(new byte[] {1}).toString())
            .append("v", 7)
            .append("seq", 12_345_678_901L)
            .append("score", 3.25)
            .append("active", true)
            .append("missing", null)
            .append("born", Instant.parse("2010-04-01T00:00:00Z"))
            .append("oid", new ObjectId())
            .append("fee", new Decimal128(new BigDecimal("120.50")))
            .append("photo", new BinData(new byte[] {1, 2, 3}))
            .append("uuid", UUID.nameUUIDFromBytes(new byte[] {2}))
            .append("name", new Document("given", "Student 17").append("family", "Generated"))
            .append("units", List.of("unit-3", "unit-9", new Document("code", "A1")));
    }
}
