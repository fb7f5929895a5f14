package edu.studentrecords.keycloak.rest.incidents;

import edu.studentrecords.store.incidents.Affected;
import edu.studentrecords.store.incidents.Incident;
import edu.studentrecords.store.incidents.IncidentAction;
import java.time.Instant;
import java.util.Map;

/**
 * The regulator's report of an incident as a printable page (PIPL art. 57): what happened, when it was discovered and
 * how long ago, what it concerned, how many students and which of their information, what was done, and whether and
 * when the students were told. Counts only: no student is named. Every value written by a person is escaped.
 */
final class ReportPage {

    private ReportPage() {
    }

    static String of(Incident incident, Affected affected, Instant now, String realmName) {
        StringBuilder html = new StringBuilder(4096);
        html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Incident report</title>")
                .append("<style>body{font-family:sans-serif;max-width:48rem;margin:2rem auto;line-height:1.5}")
                .append("table{border-collapse:collapse}td,th{border:1px solid #999;padding:.25rem .5rem;text-align:left}")
                .append("@media print{button{display:none}}</style></head><body>")
                .append("<h1>Personal information incident report</h1>")
                .append("<p>").append(escape(realmName)).append(". Prepared ").append(now)
                .append(". This report is for the school to review, sign and file with the regulator; the product does")
                .append(" not file it.</p>")
                .append("<h2>").append(escape(incident.title())).append("</h2>")
                .append("<p>").append(escape(incident.description())).append("</p>")
                .append("<table><tr><th>Discovered</th><td>").append(incident.discoveredAt()).append("</td></tr>")
                .append("<tr><th>Opened</th><td>").append(incident.openedAt()).append("</td></tr>")
                .append("<tr><th>Hours since discovery</th><td>")
                .append(java.time.Duration.between(incident.discoveredAt(), now).toHours()).append("</td></tr>")
                .append("<tr><th>Scope</th><td>").append(scope(incident)).append("</td></tr>")
                .append("<tr><th>Students affected</th><td>").append(affected.total()).append("</td></tr></table>");
        counts(html, "By unit", affected.byUnit());
        counts(html, "By kind of information", affected.byGroup());
        html.append("<h3>Remediation</h3><ol>");
        for (IncidentAction action : incident.actions()) {
            html.append("<li>").append(action.at()).append(": ").append(escape(action.text())).append("</li>");
        }
        html.append("</ol><h3>Notification of the people affected</h3>");
        if (incident.notification() == null) {
            html.append("<p>Not started.</p>");
        } else {
            var n = incident.notification();
            html.append("<p>Started ").append(n.startedAt()).append(": ").append(n.sent()).append(" of ")
                    .append(n.total()).append(" mailed, ").append(n.failed()).append(" not reachable by mail.</p>")
                    .append("<table><tr><th>Why</th><td>").append(escape(n.content().cause())).append("</td></tr>")
                    .append("<tr><th>Possible harm</th><td>").append(escape(n.content().harm())).append("</td></tr>")
                    .append("<tr><th>Remedies</th><td>").append(escape(n.content().remedies())).append("</td></tr>")
                    .append("<tr><th>What they can do</th><td>").append(escape(n.content().advice()))
                    .append("</td></tr><tr><th>Contact</th><td>").append(escape(n.content().contact()))
                    .append("</td></tr></table>");
        }
        return html.append("</body></html>").toString();
    }

    private static String scope(Incident incident) {
        var s = incident.scope();
        return (s.clientId() == null ? "" : "client " + escape(s.clientId()) + "; ")
                + (s.userId() == null ? "" : "user " + escape(s.userId()) + "; ")
                + s.from() + " to " + s.to()
                + (s.groups().isEmpty() ? "" : "; " + IncidentRepresentation.names(s.groups()));
    }

    private static void counts(StringBuilder html, String heading, Map<String, Integer> counts) {
        html.append("<h3>").append(heading).append("</h3><table>");
        counts.forEach((k, v) -> html.append("<tr><td>").append(escape(k)).append("</td><td>").append(v)
                .append("</td></tr>"));
        html.append("</table>");
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
