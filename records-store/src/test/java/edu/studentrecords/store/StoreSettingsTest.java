package edu.studentrecords.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoClientSettings;
import com.mongodb.ReadConcern;
import com.mongodb.WriteConcern;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StoreSettingsTest {

    private static StoreSettings.Builder builder() {
        return StoreSettings.builder().keysDirectory(Path.of("/tmp/keys"));
    }

    @Test
    void defaultsToMajorityJournaledWritesAndMajorityReads() {
        StoreSettings settings = builder().build();
        MongoClientSettings client = StudentRecords.clientSettings(settings);
        assertThat(client.getWriteConcern()).isEqualTo(WriteConcern.MAJORITY.withJournal(true));
        assertThat(client.getReadConcern()).isEqualTo(ReadConcern.MAJORITY);
        assertThat(settings.database()).isEqualTo("student_records");
    }

    @Test
    void writeConcernIsConfigurable() {
        StoreSettings settings = builder().writeConcern("2", false).build();
        assertThat(StudentRecords.clientSettings(settings).getWriteConcern()).isEqualTo(new WriteConcern(2).withJournal(false));
    }

    @Test
    void toStringHidesCredentials() {
        StoreSettings settings = builder().connectionString("mongodb://registrar:s3cret-pass@db.example.edu:27017").build();
        assertThat(settings.toString()).doesNotContain("s3cret-pass").contains("<hidden>").contains("db.example.edu");
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> builder().connectionString("http://nope").build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder().database(" ").build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StoreSettings.builder().build()).isInstanceOf(NullPointerException.class);
    }
}
