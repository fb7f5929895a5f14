package edu.studentrecords.store.consent;

import java.util.Map;
import java.util.Objects;

/**
 * One of the realm's consent purposes: what a student (or, under 14, a guardian) may agree to. Immutable.
 *
 * @param id      the purpose's stable id, e.g. {@code photo-publication}
 * @param version the version of its text; it changes whenever the text does
 * @param texts   the text by language tag ({@code en}, {@code zh-CN})
 */
public record ConsentPurpose(String id, int version, Map<String, String> texts) {

    /** Validates the components and copies the texts. */
    public ConsentPurpose {
        if (id == null || !id.matches("[a-z0-9][a-z0-9-]{0,63}")) {
            throw new IllegalArgumentException("a purpose id is lower-case letters, digits and dashes");
        }
        if (version < 1) {
            throw new IllegalArgumentException("version must be positive");
        }
        texts = Map.copyOf(Objects.requireNonNull(texts, "texts"));
    }
}
