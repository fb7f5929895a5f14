package edu.studentrecords.keycloak.rest.accesslog;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import edu.studentrecords.keycloak.rest.representation.AccessLogRepresentation;
import edu.studentrecords.store.OwnAccessLog;
import edu.studentrecords.store.audit.AuditEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * A page of a record's access log ({@code GET /me/access-log}, {@code GET /guardian/children/{recordId}/access-log}),
 * filtered over the whole log before it is paged.
 *
 * @param entries  the entries of the page, newest first, each with who acted
 * @param offset   matching entries skipped
 * @param limit    the page size asked for
 * @param total    how many entries match the filters (and the dates)
 * @param purposes every purpose declared in the log between the dates, for a filter to offer
 */
public record OwnAccessLogPage(List<Entry> entries, int offset, int limit, int total, List<String> purposes) {

    /** One entry as {@code GET /me/access-log} always answered it, with who acted. */
    public record Entry(@JsonUnwrapped AccessLogRepresentation.Entry entry, Actor actor) {
    }

    /** The page of {@code log} that {@code filter}, {@code offset} and {@code limit} ask for, read by {@code caller}. */
    public static OwnAccessLogPage of(KeycloakSession session, RealmModel realm, String caller, OwnAccessLog log,
            AccessLogFilter filter, int offset, int limit) {
        ActorDescriptions actors = new ActorDescriptions(session, realm, caller, log);
        List<Entry> matching = new ArrayList<>();
        for (AuditEntry e : log.entries()) {
            Actor actor = actors.of(e);
            if (filter.keeps(actor, e.purpose())) {
                matching.add(new Entry(AccessLogRepresentation.Entry.of(e), actor));
            }
        }
        List<String> purposes = List.copyOf(new TreeSet<>(log.entries().stream().map(AuditEntry::purpose)
                .filter(Objects::nonNull).toList()));
        int from = Math.min(offset, matching.size());
        int to = (int) Math.min((long) from + limit, matching.size());
        return new OwnAccessLogPage(List.copyOf(matching.subList(from, to)), offset, limit, matching.size(), purposes);
    }
}
