package edu.studentrecords.keycloak.rest.representation;

import com.fasterxml.jackson.annotation.JsonInclude;
import edu.studentrecords.store.RecordView;
import edu.studentrecords.store.model.Contact;
import edu.studentrecords.store.model.FieldGroup;
import edu.studentrecords.store.model.Guardian;
import edu.studentrecords.store.model.Identity;
import edu.studentrecords.store.model.Profile;
import java.time.Instant;
import java.util.List;

/**
 * A record as the API returns it: the groups the caller may read, the others left out; {@code groups} names them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RecordRepresentation(
        String id,
        long version,
        List<String> groups,
        Profile profile,
        Identity identity,
        Contact contact,
        List<Guardian> guardians,
        Instant updatedAt,
        Instant verifiedAt) {

    public static RecordRepresentation of(RecordView view) {
        List<String> groups = FieldGroup.ALL.stream().filter(view.groups()::contains).map(FieldGroup::jsonName).toList();
        return new RecordRepresentation(view.id(), view.version(), groups, view.profile(), view.identity(),
                view.contact(), view.guardians(), view.updatedAt(), view.verifiedAt());
    }
}
