package edu.studentrecords.keycloak.rest.representation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import edu.studentrecords.store.RecordView;
import edu.studentrecords.store.model.FieldGroup;
import java.io.IOException;
import java.util.Set;

/**
 * How a record is written as the API returns it: the store's {@link RecordView} as it is, the groups the caller may
 * not read left out, and {@code groups} naming those present by their JSON names ({@code ["profile","contact"]}).
 * Registered as a Jackson mix-in of {@link RecordView}, so the API's JSON follows the view field for field.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
abstract class RecordViewJson {

    @JsonSerialize(contentUsing = GroupName.class)
    abstract Set<FieldGroup> groups();

    /** A field group by its JSON name. */
    static final class GroupName extends JsonSerializer<FieldGroup> {
        @Override
        public void serialize(FieldGroup group, JsonGenerator json, SerializerProvider provider) throws IOException {
            json.writeString(group.jsonName());
        }
    }
}
