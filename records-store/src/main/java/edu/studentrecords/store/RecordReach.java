package edu.studentrecords.store;

import edu.studentrecords.store.access.Reacher;
import edu.studentrecords.store.grants.StoredGrant;
import edu.studentrecords.store.guardians.GuardianLink;
import java.util.List;

/**
 * Who can reach one record (rule 7.4: students see who can see their record).
 *
 * @param recordId the record
 * @param unit     its unit
 * @param reachers the candidates that reach it, each with only the units through which it does
 * @param grants   the grants of outside bodies that cover it, in any state (the caller shows the active ones)
 * @param guardians the guardian accounts linked to it (they act for the student while under 18)
 */
public record RecordReach(String recordId, String unit, List<Reacher> reachers, List<StoredGrant> grants,
        List<GuardianLink> guardians) {

    public RecordReach {
        reachers = List.copyOf(reachers);
        grants = List.copyOf(grants);
        guardians = List.copyOf(guardians);
    }
}
