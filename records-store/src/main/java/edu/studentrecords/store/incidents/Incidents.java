package edu.studentrecords.store.incidents;

import edu.studentrecords.store.access.AccessContext;
import java.util.List;

/**
 * The centre's incidents. Opening one, recording a step and starting the notification are the administrators' duty;
 * reading them is supervision's too. Every call is decided by the store's gate and leaves one audit entry, except
 * {@link #notified}, the bookkeeping of mails already decided. Thread-safe.
 */
public interface Incidents {

    /** The longest window a scope may span. */
    int MAX_WINDOW_DAYS = 366;

    /** Opens an incident and works out the records its scope reached. 422 (invalid) for a bad request. */
    Incident open(AccessContext ctx, IncidentRequest request);

    /** Every incident, newest first. */
    List<Incident> list(AccessContext ctx);

    /** One incident. */
    Incident get(AccessContext ctx, String incidentId);

    /** The records the incident's scope reached: counts for supervision, the ids too for administrators. */
    Affected affected(AccessContext ctx, String incidentId);

    /** Records a remediation step. */
    Incident addAction(AccessContext ctx, String incidentId, String text);

    /**
     * Starts telling every affected student whose record is linked to an account; returns whom to mail. A conflict
     * when it was started already.
     */
    Started startNotification(AccessContext ctx, String incidentId, NotificationContent content);

    /** A notification just started: the incident as it is now, and whom to mail. */
    record Started(Incident incident, List<StudentToNotify> students) {
    }

    /** Counts one student of a notification as mailed ({@code sent}) or not. */
    void notified(String incidentId, boolean sent);

    /** The incident with what it affected, for the regulator's report. */
    IncidentReport report(AccessContext ctx, String incidentId);

    /** The incident and what it affected, as the regulator's report gives it. */
    record IncidentReport(Incident incident, Affected affected) {
    }
}
