package edu.studentrecords.store.validation;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What text a person may type into a field of the product: letters of any script (Chinese names included), digits,
 * spaces, punctuation and symbols. Refused everywhere, as rule {@value #PLAIN_TEXT}: control characters (C0 and C1,
 * NUL and BEL and ESC among them), the bidirectional embeddings, overrides and isolates (U+202A to U+202E, U+2066 to
 * U+2069) and the direction marks (U+200E, U+200F, U+061C) that make text display in another order than it is stored,
 * invisible characters that make two equal-looking texts differ (U+200B zero-width space, U+2060 to U+2064, U+FEFF,
 * U+180E; the joiners U+200C and U+200D stay, as some scripts and emoji need them), the line and paragraph separators,
 * surrogates that pair with nothing, and noncharacters. Line breaks (CR, LF) and tabs belong only in fields that are multi-line by
 * nature, a message or a reason; anywhere else they break rule {@value #ONE_LINE}. The same rules for the record's
 * fields ({@link PlainText}) and for every other text the store keeps. Stateless.
 */
public final class PlainTexts {

    /** The rule of a character no field takes. */
    public static final String PLAIN_TEXT = "plain-text";
    /** The rule of a line break or tab in a field that is one line. */
    public static final String ONE_LINE = "one-line";

    private PlainTexts() {
    }

    /** The rule {@code text} breaks, or empty when it is plain text (or null). Never looks further than it must. */
    public static Optional<String> brokenRule(String text, boolean multiline) {
        if (text == null) {
            return Optional.empty();
        }
        String broken = null;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (c == '\n' || c == '\r' || c == '\t') {
                broken = multiline ? broken : ONE_LINE;
            } else if (refused(c)) {
                return Optional.of(PLAIN_TEXT);
            }
            i += Character.charCount(c);
        }
        return Optional.ofNullable(broken);
    }

    /**
     * The error of a field holding {@code text}, or empty when it is plain text (or null): the field and the rule,
     * with an English message that never holds the value.
     */
    public static Optional<FieldError> error(String field, String text, boolean multiline) {
        return brokenRule(text, multiline)
                .map(rule -> new FieldError(field, rule, RuleMessages.message(rule, Map.of(), Locale.ROOT)));
    }

    private static boolean refused(int c) {
        return Character.getType(c) == Character.CONTROL
                || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)
                || c == 0x200e || c == 0x200f || c == 0x061c
                || c == 0x200b || (c >= 0x2060 && c <= 0x2064) || c == 0xfeff || c == 0x180e
                || c == 0x2028 || c == 0x2029
                // A surrogate here is one that pairs with nothing: codePointAt joins the pairs.
                || (c <= 0xffff && Character.isSurrogate((char) c))
                || (c >= 0xfdd0 && c <= 0xfdef) || (c & 0xfffe) == 0xfffe;
    }
}
