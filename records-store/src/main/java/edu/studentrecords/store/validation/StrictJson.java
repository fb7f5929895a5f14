package edu.studentrecords.store.validation;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one reading of JSON that comes from outside, for the store (merge patches, enrolment rows) and the API's body
 * readers alike: one document and nothing after it, no key twice in an object, at most {@value #MAX_DEPTH} levels of
 * nesting, no field the target type does not have; dates and instants in ISO-8601. Anything else is a
 * {@link com.fasterxml.jackson.core.JsonProcessingException}, never a guess at what was meant.
 */
public final class StrictJson {

    /** The deepest nesting of objects and arrays read; a record is four levels deep. */
    public static final int MAX_DEPTH = 32;

    private StrictJson() {
    }

    /**
     * A new mapper that reads strictly and writes dates and instants as ISO-8601 text. Thread-safe once configured;
     * share one per use.
     */
    public static ObjectMapper mapper() {
        JsonFactory strict = JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                .build();
        return new ObjectMapper(strict)
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    }
}
