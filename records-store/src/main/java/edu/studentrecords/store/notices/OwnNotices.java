package edu.studentrecords.store.notices;

import edu.studentrecords.store.incidents.IncidentNotice;
import java.util.List;

/**
 * What a student is told about their record besides its contents: the incidents that concerned it, and whom each
 * change of it was told to, with whether they acknowledged.
 *
 * @param incidents the notified incidents that concern the record, newest first
 * @param told      the notices of its changes to applications and outside bodies, newest first
 */
public record OwnNotices(List<IncidentNotice> incidents, List<RecipientNotice> told) {

    public OwnNotices {
        incidents = List.copyOf(incidents);
        told = List.copyOf(told);
    }
}
