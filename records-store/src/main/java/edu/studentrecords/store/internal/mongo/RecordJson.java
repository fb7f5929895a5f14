package edu.studentrecords.store.internal.mongo;

import com.fasterxml.jackson.databind.ObjectMapper;
import edu.studentrecords.store.validation.StrictJson;

/** The one JSON mapping of record content: strict ({@link StrictJson}), ISO dates, unknown fields refused. */
public final class RecordJson {

    private static final ObjectMapper MAPPER = StrictJson.mapper();

    private RecordJson() {
    }

    /** The shared, thread-safe mapper. Do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
