package edu.studentrecords.store.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import edu.studentrecords.store.model.FieldGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuditEventTest {

    private static AuditEventBuilder valid() {
        return AuditEventBuilder.builder().clientId("portal").operation("READ").decision(Decision.DENY);
    }

    @Test
    void optionalPartsDefaultToEmpty() {
        AuditEvent event = valid().recordIds(null).groups(null).build();
        assertThat(event.recordIds()).isEmpty();
        assertThat(event.groups()).isEmpty();
        assertThat(event.subject()).isNull();
    }

    @Test
    void collectionsAreCopied() {
        List<String> ids = new ArrayList<>(List.of("r1"));
        AuditEvent event = valid().recordIds(ids).groups(Set.of(FieldGroup.GUARDIANS)).build();
        ids.add("r2");
        assertThat(event.recordIds()).containsExactly("r1");
        assertThatThrownBy(() -> event.groups().add(FieldGroup.PROFILE))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void operationAndReasonMustBeCodes() {
        assertThatThrownBy(() -> valid().operation("read the record of Zhang San").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> valid().reason("").build()).isInstanceOf(IllegalArgumentException.class);
        assertThat(valid().operation("PURGE_REQUEST").reason("grant.expired").build().reason())
                .isEqualTo("grant.expired");
    }

    @Test
    void clientOperationAndDecisionAreRequired() {
        assertThatThrownBy(() -> valid().clientId(" ").build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> valid().operation(null).build()).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> valid().decision(null).build()).isInstanceOf(NullPointerException.class);
    }
}
