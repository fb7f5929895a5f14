package edu.studentrecords.keycloak.rest.incidents;

import com.fasterxml.jackson.annotation.JsonInclude;
import edu.studentrecords.keycloak.rest.problem.BadRequest;
import edu.studentrecords.store.incidents.Incident;
import edu.studentrecords.store.incidents.IncidentAction;
import edu.studentrecords.store.incidents.IncidentNotification;
import edu.studentrecords.store.incidents.IncidentRequest;
import edu.studentrecords.store.incidents.IncidentScope;
import edu.studentrecords.store.incidents.NotificationContent;
import edu.studentrecords.store.model.FieldGroup;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * An incident as the centre reads it, with the clock since its discovery ({@code elapsedSeconds}) and the progress of
 * its notification; and the bodies that open one, add a step and start the notification.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IncidentRepresentation(String id, String title, String description, Instant discoveredAt,
        Instant openedAt, String openedBy, Scope scope, int affected, List<Action> actions, Notification notification,
        long elapsedSeconds) {

    /** What the incident concerns. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Scope(String clientId, String userId, Instant from, Instant to, List<String> groups) {

        IncidentScope toScope() {
            Set<FieldGroup> parsed = EnumSet.noneOf(FieldGroup.class);
            for (String name : groups == null ? List.<String>of() : groups) {
                parsed.add(FieldGroup.fromJsonName(name).orElseThrow(() -> new BadRequest("bad.incident-groups")));
            }
            return new IncidentScope(clientId, userId, from, to, parsed);
        }

        static Scope of(IncidentScope s) {
            return new Scope(s.clientId(), s.userId(), s.from(), s.to(), names(s.groups()));
        }
    }

    /** A step on the timeline. */
    public record Action(Instant at, String by, String text) {
        static Action of(IncidentAction a) {
            return new Action(a.at(), a.by(), a.text());
        }
    }

    /** The notification of the students affected and its progress. */
    public record Notification(Instant startedAt, String startedBy, String cause, String harm, String remedies,
            String advice, String contact, int total, int sent, int failed, boolean finished) {
        static Notification of(IncidentNotification n) {
            NotificationContent c = n.content();
            return new Notification(n.startedAt(), n.startedBy(), c.cause(), c.harm(), c.remedies(), c.advice(),
                    c.contact(), n.total(), n.sent(), n.failed(), n.finished());
        }
    }

    /** {@code POST /incidents}. */
    public record Create(String title, String description, Instant discoveredAt, Scope scope) {
        IncidentRequest toRequest() {
            return new IncidentRequest(title, description, discoveredAt, scope == null ? null : scope.toScope());
        }
    }

    /** {@code POST /incidents/{id}/actions}. */
    public record NewAction(String text) {
    }

    /** {@code POST /incidents/{id}/notifications}. */
    public record Notify(String cause, String harm, String remedies, String advice, String contact) {
        NotificationContent toContent() {
            return new NotificationContent(cause, harm, remedies, advice, contact);
        }
    }

    static IncidentRepresentation of(Incident i, Instant now) {
        return new IncidentRepresentation(i.id(), i.title(), i.description(), i.discoveredAt(), i.openedAt(),
                i.openedBy(), Scope.of(i.scope()), i.affected(), i.actions().stream().map(Action::of).toList(),
                i.notification() == null ? null : Notification.of(i.notification()),
                Math.max(0, Duration.between(i.discoveredAt(), now).toSeconds()));
    }

    static List<String> names(Set<FieldGroup> groups) {
        return FieldGroup.ALL.stream().filter(groups::contains).map(FieldGroup::jsonName).toList();
    }
}
