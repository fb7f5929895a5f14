package edu.studentrecords.store.validation;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;

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
        return mapper(false);
    }

    /**
     * The mapper for values that come as text by nature, the cells of a CSV file: as {@link #mapper()}, except that a
     * text is read as the number or boolean the field takes ({@code "true"} for a boolean, {@code "3"} for a number).
     */
    public static ObjectMapper textCells() {
        return mapper(true);
    }

    private static ObjectMapper mapper(boolean textCells) {
        JsonFactory strict = JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                .build();
        ObjectMapper mapper = new ObjectMapper(strict)
                .registerModule(new JavaTimeModule())
                .registerModule(isoTextOnly())
                .registerModule(exactEnumNames())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                // A number is not the constant at that position of an enum (1 is not SUSPENDED).
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        // A value of another JSON type is refused, not converted: "1825" is not a number, 1825.5 not a whole one,
        // 1 not a boolean, 12 not a text.
        for (LogicalType scalar : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
            mapper.coercionConfigFor(scalar).setCoercion(CoercionInputShape.String,
                    textCells ? CoercionAction.TryConvert : CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        // Nor is a number or a boolean a text, or the constant at that position of an enum.
        for (LogicalType named : List.of(LogicalType.Textual, LogicalType.Enum)) {
            for (CoercionInputShape shape : List.of(CoercionInputShape.Integer, CoercionInputShape.Float,
                    CoercionInputShape.Boolean)) {
                mapper.coercionConfigFor(named).setCoercion(shape, CoercionAction.Fail);
            }
        }
        // Nor is an empty text a number, a boolean or a constant left out ("" is not null; a CSV file's empty cells are
        // left out before they are read).
        for (LogicalType scalar : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean,
                LogicalType.Enum)) {
            mapper.coercionConfigFor(scalar).setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        return mapper;
    }

    /**
     * Dates and times as ISO-8601 text only, read by {@code java.time}'s own ISO parsers. Jackson's readers also take
     * a number ({@code 19600} as days since 1970, {@code 1700000000} as seconds), a text of digits as seconds, an
     * array of fields ({@code [2024,9,2]}, and {@code []} as no date), an empty text as no date, and for a date a date
     * and time (keeping its day in UTC): a client never means those, so they are a value of the wrong type like any
     * other.
     */
    private static SimpleModule isoTextOnly() {
        SimpleModule module = new SimpleModule("iso-text-only");
        textOnly(module, LocalDate.class, LocalDate::parse);
        textOnly(module, LocalDateTime.class, LocalDateTime::parse);
        textOnly(module, LocalTime.class, LocalTime::parse);
        textOnly(module, Instant.class, text -> DateTimeFormatter.ISO_INSTANT.parse(text, Instant::from));
        textOnly(module, OffsetDateTime.class, OffsetDateTime::parse);
        textOnly(module, ZonedDateTime.class, ZonedDateTime::parse);
        return module;
    }

    /** An enum's constants by their names exactly: Jackson's reader also takes a name with spaces around it. */
    private static SimpleModule exactEnumNames() {
        SimpleModule module = new SimpleModule("exact-enum-names");
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                    BeanDescription description, JsonDeserializer<?> deserializer) {
                return new ExactName(deserializer);
            }
        });
        return module;
    }

    private static final class ExactName extends DelegatingDeserializer {

        ExactName(JsonDeserializer<?> names) {
            super(names);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> names) {
            return new ExactName(names);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.hasToken(JsonToken.VALUE_STRING) && !parser.getText().equals(parser.getText().strip())) {
                return context.reportInputMismatch(this, "not a name of %s", handledType().getSimpleName());
            }
            return super.deserialize(parser, context);
        }
    }

    private static <T> void textOnly(SimpleModule module, Class<T> type, Function<String, T> iso) {
        module.addDeserializer(type, new StdScalarDeserializer<T>(type) {
            @Override
            public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                    return type.cast(context.handleUnexpectedToken(type, parser));
                }
                try {
                    return iso.apply(parser.getText());
                } catch (DateTimeException e) {
                    // Without the text: it may be a date of birth.
                    return context.reportInputMismatch(this, "not an ISO-8601 %s", type.getSimpleName());
                }
            }
        });
    }
}
