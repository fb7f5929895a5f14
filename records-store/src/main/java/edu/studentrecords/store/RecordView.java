package edu.studentrecords.store;

import edu.studentrecords.store.model.Contact;
import edu.studentrecords.store.model.FieldGroup;
import edu.studentrecords.store.model.Guardian;
import edu.studentrecords.store.model.Identity;
import edu.studentrecords.store.model.Profile;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A record as one caller may see it: only the groups its access allows are filled in, the others are
 * {@code null}. {@link #groups()} says which.
 *
 * @param id         record id
 * @param version    the version read; send it back as {@code If-Match} to change the record
 * @param groups     the groups present in this view, in {@link FieldGroup}'s order
 * @param profile    profile group, or {@code null}
 * @param identity   identity group, or {@code null}
 * @param contact    contact group, or {@code null}
 * @param guardians  guardians, or {@code null}
 * @param updatedAt  when the record last changed
 * @param verifiedAt when the student last confirmed the record, or {@code null}
 */
public record RecordView(
        String id,
        long version,
        Set<FieldGroup> groups,
        Profile profile,
        Identity identity,
        Contact contact,
        List<Guardian> guardians,
        Instant updatedAt,
        Instant verifiedAt) {

    public RecordView {
        // In the groups' fixed order, so that every rendering of a view lists them alike.
        groups = groups.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(groups));
    }

    @Override
    public String toString() {
        return "RecordView[id=" + id + ", version=" + version + ", groups=" + groups + "]";
    }
}
