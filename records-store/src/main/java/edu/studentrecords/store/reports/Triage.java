package edu.studentrecords.store.reports;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What an administrator decides when triaging a misuse report. Not validated here: the store refuses a triage
 * without severity, with an unknown assignee or with entries that are not on the report's record, naming the field.
 *
 * @param severity      how serious it is; required
 * @param assignee      the username of the person of the centre who handles it, or null for nobody yet
 * @param linkedEntries sequence numbers of audit entries on the report's record the centre links to it (null is none)
 */
public record Triage(Severity severity, String assignee, List<Long> linkedEntries) {

    public Triage {
        // Copied without List.copyOf: a null element is a field error to report, not a NullPointerException.
        linkedEntries = linkedEntries == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(linkedEntries));
    }
}
