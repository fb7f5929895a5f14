package edu.studentrecords.store.internal.incidents;

import edu.studentrecords.store.incidents.Incident;
import edu.studentrecords.store.incidents.IncidentAction;
import edu.studentrecords.store.incidents.IncidentNotice;
import edu.studentrecords.store.incidents.IncidentNotification;
import edu.studentrecords.store.incidents.IncidentRequest;
import edu.studentrecords.store.incidents.IncidentScope;
import edu.studentrecords.store.incidents.NotificationContent;
import edu.studentrecords.store.incidents.StudentToNotify;
import edu.studentrecords.store.model.FieldGroup;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;

/** How an incident is stored: its fields' names and the conversions between its document and its values. */
final class IncidentDocument {

    static final String ID = "_id";
    static final String OPENED_AT = "openedAt";
    static final String ACTIONS = "actions";
    static final String NOTIFICATION = "notification";
    static final String AFFECTED = "affected";
    static final String AFFECTED_RECORDS = "affectedRecords";
    static final String RECORD = "record";
    static final String UNIT = "unit";
    static final String GROUPS = "groups";
    static final String SENT = "sent";
    static final String FAILED = "failed";
    static final String DESTROYED = "(destroyed)";

    private IncidentDocument() {
    }

    static Document of(String id, IncidentRequest request, Instant now, String by, List<Document> affected) {
        IncidentScope scope = request.scope();
        return new Document(ID, id)
                .append("title", request.title())
                .append("description", request.description())
                .append("discoveredAt", Date.from(request.discoveredAt()))
                .append(OPENED_AT, Date.from(now))
                .append("openedBy", by)
                .append("scope", new Document("client", scope.clientId())
                        .append("user", scope.userId())
                        .append("from", Date.from(scope.from()))
                        .append("to", Date.from(scope.to()))
                        .append(GROUPS, names(scope.groups())))
                .append(AFFECTED, affected)
                .append(AFFECTED_RECORDS, affected.stream().map(d -> d.getString(RECORD)).toList())
                .append(ACTIONS, List.of())
                .append(NOTIFICATION, null);
    }

    static Document action(Instant at, String by, String text) {
        return new Document("at", Date.from(at)).append("by", by).append("text", text);
    }

    static Document notification(Instant at, String by, NotificationContent content, List<StudentToNotify> students) {
        return new Document("startedAt", Date.from(at)).append("startedBy", by)
                .append("cause", content.cause()).append("harm", content.harm())
                .append("remedies", content.remedies()).append("advice", content.advice())
                .append("contact", content.contact())
                .append("total", students.size()).append(SENT, 0).append(FAILED, 0);
    }

    static List<String> names(Set<FieldGroup> groups) {
        return groups.stream().sorted().map(Enum::name).toList();
    }

    static Set<FieldGroup> groups(Document doc) {
        Set<FieldGroup> groups = EnumSet.noneOf(FieldGroup.class);
        doc.getList(GROUPS, String.class, List.of()).forEach(g -> groups.add(FieldGroup.valueOf(g)));
        return groups;
    }

    static List<Document> affected(Document doc) {
        return doc.getList(AFFECTED, Document.class, List.of());
    }

    static Incident incident(Document doc) {
        Document scope = doc.get("scope", Document.class);
        List<IncidentAction> actions = new ArrayList<>();
        doc.getList(ACTIONS, Document.class, List.of()).forEach(a -> actions.add(
                new IncidentAction(a.getDate("at").toInstant(), a.getString("by"), a.getString("text"))));
        return new Incident(doc.getString(ID), doc.getString("title"), doc.getString("description"),
                doc.getDate("discoveredAt").toInstant(), doc.getDate(OPENED_AT).toInstant(), doc.getString("openedBy"),
                new IncidentScope(scope.getString("client"), scope.getString("user"),
                        scope.getDate("from").toInstant(), scope.getDate("to").toInstant(), groups(scope)),
                affected(doc).size(), actions, notification(doc.get(NOTIFICATION, Document.class)));
    }

    private static IncidentNotification notification(Document n) {
        if (n == null) {
            return null;
        }
        return new IncidentNotification(n.getDate("startedAt").toInstant(), n.getString("startedBy"), content(n),
                n.get("total", Number.class).intValue(), n.get(SENT, Number.class).intValue(),
                n.get(FAILED, Number.class).intValue());
    }

    private static NotificationContent content(Document n) {
        return new NotificationContent(n.getString("cause"), n.getString("harm"), n.getString("remedies"),
                n.getString("advice"), n.getString("contact"));
    }

    /** The incident as the student of {@code recordId} reads it, when it concerns their record and was notified. */
    static Optional<IncidentNotice> noticeFor(Document doc, String recordId) {
        Document n = doc.get(NOTIFICATION, Document.class);
        if (n == null) {
            return Optional.empty();
        }
        return affected(doc).stream().filter(a -> recordId.equals(a.getString(RECORD))).findFirst()
                .map(a -> new IncidentNotice(doc.getString(ID), doc.getString("title"),
                        doc.getDate("discoveredAt").toInstant(), n.getDate("startedAt").toInstant(), groups(a),
                        content(n)));
    }
}
