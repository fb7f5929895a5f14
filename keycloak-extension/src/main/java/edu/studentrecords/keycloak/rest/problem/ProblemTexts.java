package edu.studentrecords.keycloak.rest.problem;

import edu.studentrecords.store.validation.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The texts of problems in the language a request asks for: English, or Simplified Chinese for a request whose
 * {@code Accept-Language} prefers Chinese. Titles and details come from {@code ProblemTexts*.properties} beside this
 * class by key, with {@code {0}}, {@code {1}} filled from the values the code passes (codes, numbers, field paths,
 * never a submitted value). Types, refusal codes, field paths and rule codes never depend on the language.
 *
 * <p>Immutable and thread-safe.
 */
public final class ProblemTexts {

    private static final String BUNDLE = "edu.studentrecords.keycloak.rest.problem.ProblemTexts";
    /** The store's own messages of record rules, which it keeps in both languages. */
    private static final String STORE_RULES = "edu.studentrecords.store.validation.ValidationMessages";
    /* No fallback to the JVM's default locale: English asked on a server whose default is Chinese gets English. */
    private static final ResourceBundle.Control NO_DEFAULT_LOCALE =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+|min|max)}");
    private static final Pattern NUMBER = Pattern.compile("\\d+");

    /** The texts in English, for failures that have no request to ask. */
    public static final ProblemTexts ENGLISH = new ProblemTexts(Locale.ROOT);

    private final Locale locale;
    private final ResourceBundle bundle;

    private ProblemTexts(Locale locale) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle(BUNDLE, locale, ProblemTexts.class.getClassLoader(), NO_DEFAULT_LOCALE);
    }

    /**
     * The texts for a request's acceptable languages, most preferred first (JAX-RS sorts {@code Accept-Language} by
     * quality): the first that is English or Chinese decides; any other language, or none, gets English.
     */
    public static ProblemTexts forLanguages(List<Locale> acceptable) {
        for (Locale asked : acceptable == null ? List.<Locale>of() : acceptable) {
            String language = asked.getLanguage().toLowerCase(Locale.ROOT);
            if (language.equals("zh")) {
                return Chinese.TEXTS;
            }
            if (language.equals("en")) {
                return ENGLISH;
            }
        }
        return ENGLISH;
    }

    /** The language of these texts, for {@code Content-Language}: {@code en} or {@code zh-CN}. */
    public String languageTag() {
        return isEnglish() ? "en" : "zh-CN";
    }

    /** The text of {@code key} with its placeholders filled; a key these texts lack is its own text. */
    public String text(String key, Object... values) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            pattern = key;
        }
        return fill(pattern, values);
    }

    /** Whether these texts have {@code key}. */
    boolean has(String key) {
        return bundle.containsKey(key);
    }

    /** The text of {@code key} if these texts have one, else {@code fallback}. */
    String textOr(String key, String fallback, Object... values) {
        return bundle.containsKey(key) ? text(key, values) : fallback;
    }

    /** The title of a problem type. */
    public String title(ProblemType type) {
        return text("title." + type.slug());
    }

    /**
     * The message of a field error in this language. English is the store's own message; Chinese is, by the rule, the
     * text for this field and rule, else for the rule, else the store's own text of a record rule, else a general
     * line. A rule's limits (the only numbers in the store's English message) fill the placeholders.
     */
    public String message(FieldError error) {
        if (isEnglish()) {
            return error.message();
        }
        Object[] limits = numbersIn(error.message());
        String field = error.field().replaceAll("\\[\\d+]", "");
        String specific = "error." + field + "." + error.rule();
        if (bundle.containsKey(specific)) {
            return text(specific, limits);
        }
        if (bundle.containsKey("error." + error.rule())) {
            return text("error." + error.rule(), limits);
        }
        ResourceBundle store;
        try {
            store = ResourceBundle.getBundle(STORE_RULES, locale, FieldError.class.getClassLoader(), NO_DEFAULT_LOCALE);
        } catch (MissingResourceException e) {
            return text("error");
        }
        return store.containsKey(error.rule()) ? fill(store.getString(error.rule()), limits) : text("error");
    }

    private boolean isEnglish() {
        return locale.getLanguage().isEmpty() || locale.getLanguage().equals("en");
    }

    private static Object[] numbersIn(String message) {
        List<String> numbers = new ArrayList<>();
        Matcher m = NUMBER.matcher(message);
        while (m.find()) {
            numbers.add(m.group());
        }
        return numbers.toArray();
    }

    /** Fills {0}, {1}, … in order, and {min} and {max} (the store's names) with the first and last value. */
    private static String fill(String pattern, Object... values) {
        Matcher m = PLACEHOLDER.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            int index = switch (name) {
                case "min" -> 0;
                case "max" -> values.length - 1;
                default -> Integer.parseInt(name);
            };
            String value = index >= 0 && index < values.length ? String.valueOf(values[index]) : m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The Chinese texts, loaded on first use. */
    private static final class Chinese {
        static final ProblemTexts TEXTS = new ProblemTexts(Locale.SIMPLIFIED_CHINESE);
    }
}
