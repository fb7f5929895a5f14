package edu.studentrecords.keycloak.rest.representation;

import static org.assertj.core.api.Assertions.assertThat;

import edu.studentrecords.store.model.EnrolmentStatus;
import edu.studentrecords.store.retention.RetentionPolicy;
import edu.studentrecords.store.validation.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetentionRepresentationTest {

    @Test
    void thePolicyReadsAsTheContractWritesItAndRoundTrips() throws Exception {
        RetentionRepresentation.Policy body = JsonBodies.read(
                "{\"archiveOn\":[\"GRADUATED\",\"WITHDRAWN\",\"TRANSFERRED\"],\"destroyAfterDays\":1825,"
                        + "\"archiveRetentionDays\":3650}", RetentionRepresentation.Policy.class);
        List<FieldError> errors = RetentionRepresentation.errors();
        RetentionPolicy policy = body.toPolicy(errors);
        assertThat(errors).isEmpty();
        assertThat(policy).isEqualTo(RetentionPolicy.DEFAULT);
        assertThat(JsonBodies.write(RetentionRepresentation.Policy.of(policy))).isEqualTo(
                "{\"archiveOn\":[\"GRADUATED\",\"WITHDRAWN\",\"TRANSFERRED\"],\"destroyAfterDays\":1825,"
                        + "\"archiveRetentionDays\":3650,\"auditRetentionDays\":1095}");
    }

    @Test
    void theAuditTrailsPeriodIsReadAndAShorterOneShortensRetention() throws Exception {
        List<FieldError> errors = RetentionRepresentation.errors();
        RetentionPolicy shorter = JsonBodies.read("{\"archiveOn\":[\"GRADUATED\",\"WITHDRAWN\",\"TRANSFERRED\"],"
                + "\"destroyAfterDays\":1825,\"archiveRetentionDays\":3650,\"auditRetentionDays\":400}",
                RetentionRepresentation.Policy.class).toPolicy(errors);
        assertThat(errors).isEmpty();
        assertThat(shorter.auditRetentionDays()).isEqualTo(400);
        assertThat(shorter.shortens(RetentionPolicy.DEFAULT)).as("needs a second administrator").isTrue();
        JsonBodies.read("{\"archiveOn\":[],\"destroyAfterDays\":1825,\"archiveRetentionDays\":3650,"
                + "\"auditRetentionDays\":0}", RetentionRepresentation.Policy.class).toPolicy(errors);
        assertThat(errors).extracting(FieldError::field).containsExactly("auditRetentionDays");
    }

    @Test
    void unknownStatusesAndMissingPeriodsAreFieldErrorsNamingTheField() throws Exception {
        List<FieldError> errors = RetentionRepresentation.errors();
        JsonBodies.read("{\"archiveOn\":[\"EXPELLED\"]}", RetentionRepresentation.Policy.class).toPolicy(errors);
        assertThat(errors).extracting(FieldError::field)
                .containsExactlyInAnyOrder("archiveOn", "destroyAfterDays", "archiveRetentionDays");
        assertThat(errors).extracting(FieldError::message).noneMatch(m -> m.contains("EXPELLED"));
        // A status is one of its names, as every enum of a body: not in other letters, not with spaces around it.
        for (String other : new String[] {"graduated", " GRADUATED "}) {
            errors.clear();
            JsonBodies.read("{\"archiveOn\":[\"" + other + "\"],\"destroyAfterDays\":30,\"archiveRetentionDays\":0}",
                    RetentionRepresentation.Policy.class).toPolicy(errors);
            assertThat(errors).extracting(FieldError::field, FieldError::rule).as(other)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("archiveOn", "leaving-status"));
        }
        errors.clear();
        RetentionPolicy exact = JsonBodies.read("{\"archiveOn\":[\"GRADUATED\"],\"destroyAfterDays\":30,"
                + "\"archiveRetentionDays\":0}", RetentionRepresentation.Policy.class).toPolicy(errors);
        assertThat(errors).isEmpty();
        assertThat(exact.archiveOn()).containsExactly(EnrolmentStatus.GRADUATED);
    }
}
