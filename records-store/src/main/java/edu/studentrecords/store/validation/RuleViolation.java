package edu.studentrecords.store.validation;

import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.ConstraintValidatorContext.ConstraintViolationBuilder.NodeBuilderCustomizableContext;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rule codes carried through Jakarta Validation. A violation's message template is
 * {@code {studentrecords.<rule>}}; {@link RecordValidator} reads the rule back from it. The template
 * never contains the validated value, so no interpolation can echo it.
 */
final class RuleViolation {

    private static final Pattern TEMPLATE = Pattern.compile("\\{studentrecords\\.([a-z0-9.-]+)}");

    private RuleViolation() {
    }

    static String template(String rule) {
        return "{studentrecords." + rule + "}";
    }

    /** The rule code in a template built by {@link #template(String)}, if it is one. */
    static Optional<String> ruleOf(String template) {
        Matcher matcher = TEMPLATE.matcher(template);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** Replaces the default violation with one for {@code rule} on the validated element itself. */
    static void report(ConstraintValidatorContext context, String rule) {
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(template(rule)).addConstraintViolation();
    }

    /** Replaces the default violation with one for {@code rule} on a property path below the validated bean. */
    static void report(ConstraintValidatorContext context, String rule, String property, String... subProperties) {
        context.disableDefaultConstraintViolation();
        NodeBuilderCustomizableContext node =
                context.buildConstraintViolationWithTemplate(template(rule)).addPropertyNode(property);
        for (String subProperty : subProperties) {
            node = node.addPropertyNode(subProperty);
        }
        node.addConstraintViolation();
    }
}
