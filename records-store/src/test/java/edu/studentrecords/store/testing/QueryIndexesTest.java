package edu.studentrecords.store.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The index check of the contract tests says "no index" exactly where a real server would scan a collection. */
class QueryIndexesTest {

    private static final List<Document> INDEXES = List.of(index("_id_", "_id"), index("phones", "phones"),
            index("recordId_liftedAt", "recordId", "liftedAt"));

    @Test
    void aFilterOnTheLeadingFieldOfAnIndexIsServedByIt() {
        assertThat(serving("{_id: 'a'}", "{}", false)).startsWith("_id_");
        assertThat(serving("{phones: 'h'}", "{}", false)).startsWith("phones");
        assertThat(serving("{$and: [{recordId: 'r'}, {liftedAt: null}]}", "{}", true)).startsWith("recordId_liftedAt");
        assertThat(serving("{_id: {$in: ['a', 'b']}, other: 1}", "{}", false)).startsWith("_id_");
    }

    @Test
    void aFilterOnlyOnALaterFieldOfAnIndexOrOnNoIndexedFieldIsAScan() {
        assertThat(serving("{liftedAt: null}", "{}", false)).isNull();
        assertThat(serving("{name: 'x'}", "{}", true)).isNull();
    }

    @Test
    void everyBranchOfAnOrNeedsAnIndex() {
        assertThat(serving("{$or: [{_id: 'a'}, {phones: 'h'}]}", "{}", false)).isNull();
        assertThat(serving("{$or: [{_id: 'a', name: 1}, {_id: 'b'}]}", "{}", false)).startsWith("_id_");
        assertThat(serving("{$or: [{_id: 'a'}, {name: 'b'}]}", "{}", false)).isNull();
    }

    @Test
    void aNegationSeeksNothing() {
        assertThat(serving("{phones: {$ne: 'h'}}", "{}", false)).isNull();
        assertThat(serving("{phones: {$exists: false}}", "{}", false)).isNull();
        assertThat(serving("{phones: {$exists: true}}", "{}", false)).startsWith("phones");
    }

    @Test
    void noFilterIsBoundedOnlyByALimitOrAnIndexedSort() {
        assertThat(serving("{}", "{}", false)).isNull();
        assertThat(serving("{}", "{}", true)).startsWith("none needed");
        assertThat(serving("{}", "{_id: -1}", false)).startsWith("_id_");
        assertThat(serving("{}", "{placedAt: -1}", false)).isNull();
    }

    private static String serving(String filter, String sort, boolean limited) {
        BsonDocument f = BsonDocument.parse(filter);
        SentQuery query = new SentQuery("c", new BsonDocument("find", new org.bson.BsonString("c")).append("filter", f), f,
                BsonDocument.parse(sort), limited);
        return QueryIndexes.servingIndex(query, INDEXES);
    }

    private static Document index(String name, String... fields) {
        Document key = new Document();
        for (String field : fields) {
            key.append(field, 1);
        }
        return new Document("name", name).append("key", key);
    }

    @Test
    void theStagesOfTheWinningPlanAreReadWhereverTheServerPutsThem() {
        Document express = Document.parse("{queryPlanner: {winningPlan: {isCached: false, stage: 'EXPRESS_IXSCAN',"
                + " indexName: '_id_'}, rejectedPlans: []}}");
        assertThat(QueryIndexes.planStages(express)).containsExactly("EXPRESS_IXSCAN");

        Document scanWinning = Document.parse("{queryPlanner: {winningPlan: {queryPlan: {stage: 'LIMIT', inputStage:"
                + " {stage: 'COLLSCAN'}}, slotBasedPlan: {stages: '[1] scan s1'}}, rejectedPlans: [{stage: 'FETCH',"
                + " inputStage: {stage: 'IXSCAN'}}]}}");
        assertThat(QueryIndexes.planStages(scanWinning)).containsExactly("LIMIT", "COLLSCAN");

        Document update = Document.parse("{queryPlanner: {winningPlan: {stage: 'UPDATE', inputStage: {stage: 'FETCH',"
                + " inputStage: {stage: 'IXSCAN', indexName: 'recordId_liftedAt'}}}}}");
        assertThat(QueryIndexes.planStages(update)).containsExactly("UPDATE", "FETCH", "IXSCAN");

        Document aggregation = Document.parse("{explainVersion: '1', stages: [{$cursor: {queryPlanner: {winningPlan:"
                + " {stage: 'COLLSCAN'}}}}, {$group: {}}]}");
        assertThat(QueryIndexes.planStages(aggregation)).containsExactly("COLLSCAN");
    }
}
