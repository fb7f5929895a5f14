package edu.studentrecords.store.internal.incidents;

import edu.studentrecords.store.incidents.IncidentRequest;
import edu.studentrecords.store.incidents.IncidentScope;
import edu.studentrecords.store.incidents.Incidents;
import edu.studentrecords.store.incidents.NotificationContent;
import edu.studentrecords.store.validation.FieldError;
import edu.studentrecords.store.validation.PlainTexts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What an incident, a step on its timeline and its notification must be. Stateless. */
final class IncidentRules {

    static final int TITLE_MAX = 200;
    static final int TEXT_MAX = 4000;
    /** A time "now" may be ahead of the store's clock by this much (another machine's clock). */
    private static final Duration SKEW = Duration.ofMinutes(5);
    /** No incident of the product's is older than this: earlier instants are typing errors (and break the store). */
    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    private IncidentRules() {
    }

    static List<FieldError> check(IncidentRequest request, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        text("title", request.title(), TITLE_MAX, false).ifPresent(errors::add);
        text("description", request.description(), TEXT_MAX, true).ifPresent(errors::add);
        if (request.discoveredAt() == null) {
            errors.add(new FieldError("discoveredAt", "required", "is required"));
        } else if (request.discoveredAt().isAfter(now.plus(SKEW))) {
            errors.add(new FieldError("discoveredAt", "not-future", "must not be in the future"));
        } else if (request.discoveredAt().isBefore(EARLIEST)) {
            errors.add(new FieldError("discoveredAt", "too-early", "must not be before 2000"));
        }
        IncidentScope scope = request.scope();
        if (scope == null) {
            errors.add(new FieldError("scope", "required", "is required"));
            return errors;
        }
        if (blank(scope.clientId()) && blank(scope.userId())) {
            errors.add(new FieldError("scope", "client-or-user", "names a client, a user, or both"));
        }
        id("scope.clientId", scope.clientId()).ifPresent(errors::add);
        id("scope.userId", scope.userId()).ifPresent(errors::add);
        if (scope.from() == null || scope.to() == null) {
            errors.add(new FieldError("scope", "window", "needs from and to"));
        } else if (scope.from().isBefore(EARLIEST)) {
            errors.add(new FieldError("scope.from", "too-early", "must not be before 2000"));
        } else if (!scope.from().isBefore(scope.to())) {
            errors.add(new FieldError("scope.to", "after-from", "must be after from"));
        } else if (Duration.between(scope.from(), scope.to()).compareTo(Duration.ofDays(Incidents.MAX_WINDOW_DAYS)) > 0) {
            errors.add(new FieldError("scope.to", "window-too-long",
                    "the window spans at most " + Incidents.MAX_WINDOW_DAYS + " days"));
        } else if (scope.from().isAfter(now.plus(SKEW))) {
            errors.add(new FieldError("scope.from", "not-future", "must not be in the future"));
        }
        return errors;
    }

    static Optional<FieldError> action(String text) {
        return text("text", text, TEXT_MAX, true);
    }

    static List<FieldError> check(NotificationContent content) {
        List<FieldError> errors = new ArrayList<>();
        text("cause", content.cause(), TEXT_MAX, true).ifPresent(errors::add);
        text("harm", content.harm(), TEXT_MAX, true).ifPresent(errors::add);
        text("remedies", content.remedies(), TEXT_MAX, true).ifPresent(errors::add);
        text("advice", content.advice(), TEXT_MAX, true).ifPresent(errors::add);
        text("contact", content.contact(), TITLE_MAX * 2, true).ifPresent(errors::add);
        return errors;
    }

    private static Optional<FieldError> text(String field, String value, int max, boolean multiline) {
        if (blank(value)) {
            return Optional.of(new FieldError(field, "required", "is required"));
        }
        if (value.length() > max) {
            return Optional.of(new FieldError(field, "too-long", "is longer than " + max + " characters"));
        }
        return PlainTexts.error(field, value, multiline);
    }

    /** A client id or user id: one line of at most 255 plain characters, or absent. */
    private static Optional<FieldError> id(String field, String value) {
        if (value == null) {
            return Optional.empty();
        }
        if (value.isBlank() || value.length() > 255) {
            return Optional.of(new FieldError(field, "id", "is not an id"));
        }
        return PlainTexts.error(field, value, false);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
