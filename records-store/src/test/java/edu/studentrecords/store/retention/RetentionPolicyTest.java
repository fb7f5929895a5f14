package edu.studentrecords.store.retention;

import static org.assertj.core.api.Assertions.assertThat;

import edu.studentrecords.store.model.EnrolmentStatus;
import edu.studentrecords.store.validation.FieldError;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RetentionPolicyTest {

    private static final RetentionPolicy FIVE_AND_TEN = new RetentionPolicy(
            EnumSet.of(EnrolmentStatus.GRADUATED), 1825, 3650);

    @Test
    void destructionWaitsForTheLaterOfLeavingPlusItsPeriodAndArchivingPlusTheArchivesPeriod() {
        Instant archived = Instant.parse("2026-07-15T10:00:00Z");
        assertThat(FIVE_AND_TEN.destroyAfter(LocalDate.of(2026, 7, 1), archived))
                .as("the archive's ten years outlast the record's five").isEqualTo(archived.plus(java.time.Duration.ofDays(3650)));
        RetentionPolicy recordLonger = new RetentionPolicy(EnumSet.of(EnrolmentStatus.GRADUATED), 1825, 30);
        assertThat(recordLonger.destroyAfter(LocalDate.of(2026, 7, 1), archived))
                .isEqualTo(Instant.parse("2031-06-30T00:00:00Z"));
        assertThat(recordLonger.destroyAfter(null, archived)).as("no leaving date: the archive's day counts")
                .isEqualTo(Instant.parse("2031-07-14T00:00:00Z"));
    }

    @Test
    void onlyLeavingStatusesAndPeriodsWithinAHundredYearsAreValid() {
        assertThat(RetentionPolicy.DEFAULT.errors()).isEmpty();
        assertThat(new RetentionPolicy(Set.of(), 1, 0).errors()).as("archiving nothing is a policy too").isEmpty();
        assertThat(new RetentionPolicy(Set.of(EnrolmentStatus.SUSPENDED), 0, 36_501).errors())
                .extracting(FieldError::field).containsExactly("archiveOn", "destroyAfterDays", "archiveRetentionDays");
    }
}
