package edu.studentrecords.store.audit;

import java.util.List;

/**
 * A page of the entries a {@link TrailQuery} looked for, oldest first.
 *
 * @param entries      the matching entries
 * @param nextSequence where the next page's scan starts, or null when the trail (or the window) ended
 * @param scannedTo    the last sequence number read, or null when nothing was read
 */
public record TrailPage(List<AuditEntry> entries, Long nextSequence, Long scannedTo) {

    public TrailPage {
        entries = List.copyOf(entries);
    }
}
