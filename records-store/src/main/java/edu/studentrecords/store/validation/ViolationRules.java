package edu.studentrecords.store.validation;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Annotation;
import java.util.Collection;
import java.util.Map;

/** Turns a Jakarta Validation violation into the field path and rule code of a {@link FieldError}. */
final class ViolationRules {

    private ViolationRules() {
    }

    /**
     * The rule code: from the template of this package's constraints, else from the built-in constraint's
     * type. The validated value is consulted only to tell "too long" from "too short"; it is never copied.
     */
    static String ruleOf(ConstraintViolation<?> violation) {
        return RuleViolation.ruleOf(violation.getMessageTemplate()).orElseGet(() -> builtInRule(violation));
    }

    /** The JSON path of the violation: {@code guardians[0].phone}; empty for the root object. */
    static String fieldOf(ConstraintViolation<?> violation) {
        StringBuilder path = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.isInIterable()) {
                path.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
            }
            boolean named = node.getName() != null && node.getKind() != ElementKind.CONTAINER_ELEMENT
                    && node.getKind() != ElementKind.BEAN;
            if (named) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(node.getName());
            }
        }
        return path.toString();
    }

    private static String builtInRule(ConstraintViolation<?> violation) {
        Class<? extends Annotation> type = violation.getConstraintDescriptor().getAnnotation().annotationType();
        if (type == NotNull.class || type == NotBlank.class || type == NotEmpty.class) {
            return "required";
        }
        if (type == Size.class) {
            return sizeRule(violation);
        }
        if (type == Pattern.class) {
            return "format";
        }
        if (type == Email.class) {
            return "email.invalid";
        }
        return "invalid";
    }

    private static String sizeRule(ConstraintViolation<?> violation) {
        Object max = violation.getConstraintDescriptor().getAttributes().get("max");
        int limit = max instanceof Integer ? (Integer) max : Integer.MAX_VALUE;
        Object value = violation.getInvalidValue();
        if (value instanceof CharSequence text) {
            return text.length() > limit ? "too-long" : "too-short";
        }
        int size = value instanceof Collection<?> collection ? collection.size()
                : value instanceof Map<?, ?> map ? map.size()
                : value instanceof Object[] array ? array.length
                : 0;
        return size > limit ? "too-many" : "too-few";
    }
}
