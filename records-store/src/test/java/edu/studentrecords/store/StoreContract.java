package edu.studentrecords.store;

import static org.assertj.core.api.Assertions.assertThat;

import edu.studentrecords.store.testing.QueryIndexes;
import edu.studentrecords.store.testing.QueryLog;
import edu.studentrecords.store.testing.SentQuery;
import edu.studentrecords.store.testing.StoreUnderTest;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A contract of the store: tests that hold on every engine, written against the engine a subclass names (the embedded
 * store process in every build, a real MongoDB replica set where a Docker engine is). The store under test logs every
 * query it sends; the last test checks that each one is served by an index the store created (and, on a real server,
 * that the server's plan scans no collection), and writes the list to {@code target/query-indexes-<class>.md}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class StoreContract {

    StudentRecords store;
    QueryLog queries;

    /** The engine under test, running for the whole class. */
    abstract StoreUnderTest target();

    /** Query shapes the class's tests must have made the store send, so that the index check covers them. */
    List<String> expectedQueryShapes() {
        return List.of();
    }

    @BeforeAll
    void connectStore() {
        queries = new QueryLog(target().settings().database());
        store = target().connect(queries);
    }

    @AfterAll
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void everyQueryTheseTestsMadeTheStoreSendIsServedByAnIndex() {
        assertThat(queries.shapes()).extracting(SentQuery::shape).containsAll(expectedQueryShapes());
        QueryIndexes.check(target().rawDatabase(), queries.shapes(), target().explainsPlans(),
                "query-indexes-" + getClass().getSimpleName() + ".md");
    }
}
