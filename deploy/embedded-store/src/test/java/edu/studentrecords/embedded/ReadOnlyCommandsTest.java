package edu.studentrecords.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReadOnlyCommandsTest {

    @ParameterizedTest
    @ValueSource(strings = {"find", "getMore", "count", "distinct", "listCollections", "listIndexes", "hello",
        "isMaster", "ismaster", "ping", "buildInfo", "endSessions", "killCursors"})
    void readingCommandsAreReadOnly(String command) {
        assertThat(ReadOnlyCommands.isReadOnly(command, new Document(command, "students"))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"insert", "update", "delete", "findAndModify", "findandmodify", "createIndexes",
        "dropIndexes", "drop", "dropDatabase", "create", "renameCollection", "collMod", "someFutureCommand"})
    void everyOtherCommandMayWrite(String command) {
        assertThat(ReadOnlyCommands.isReadOnly(command, new Document(command, "students"))).isFalse();
    }

    @Test
    void aggregationWithoutOutputStageIsReadOnly() {
        Document aggregate = new Document("aggregate", "students")
            .append("pipeline", List.of(new Document("$match", new Document("year", 2)),
                new Document("$group", new Document("_id", "$year"))));

        assertThat(ReadOnlyCommands.isReadOnly("aggregate", aggregate)).isTrue();
    }

    @Test
    void aggregationWithOutOrMergeStageWrites() {
        Document out = new Document("aggregate", "students")
            .append("pipeline", List.of(new Document("$match", new Document()), new Document("$out", "copy")));
        Document merge = new Document("aggregate", "students")
            .append("pipeline", List.of(new Document("$merge", new Document("into", "copy"))));

        assertThat(ReadOnlyCommands.isReadOnly("aggregate", out)).isFalse();
        assertThat(ReadOnlyCommands.isReadOnly("aggregate", merge)).isFalse();
    }

    @Test
    void aggregationWithUnexpectedPipelineIsTreatedAsWriting() {
        assertThat(ReadOnlyCommands.isReadOnly("aggregate", new Document("aggregate", "students"))).isFalse();
    }
}
