package edu.studentrecords.store.validation;

import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Messages for rule codes, from {@code ValidationMessages*.properties} beside this class. A message may
 * name the constraint's own attributes ({@code {max}}, {@code {min}}), never the validated value.
 */
final class RuleMessages {

    private static final String BUNDLE = "edu.studentrecords.store.validation.ValidationMessages";

    /*
     * No fallback to the JVM's default locale: a request for English on a server whose default is
     * Chinese must get the base (English) bundle.
     */
    private static final ResourceBundle.Control NO_DEFAULT_LOCALE_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private RuleMessages() {
    }

    static String message(String rule, Map<String, Object> attributes, Locale locale) {
        ResourceBundle bundle = ResourceBundle.getBundle(
                BUNDLE, locale, RuleMessages.class.getClassLoader(), NO_DEFAULT_LOCALE_FALLBACK);
        String text;
        try {
            text = bundle.getString(rule);
        } catch (MissingResourceException e) {
            text = bundle.getString("invalid");
        }
        for (String name : new String[] {"min", "max"}) {
            Object attribute = attributes.get(name);
            if (attribute instanceof Number) {
                text = text.replace("{" + name + "}", attribute.toString());
            }
        }
        return text;
    }
}
