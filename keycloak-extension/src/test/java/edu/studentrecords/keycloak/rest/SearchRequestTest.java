package edu.studentrecords.keycloak.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import edu.studentrecords.keycloak.rest.problem.BadRequest;
import edu.studentrecords.store.access.UnitPath;
import edu.studentrecords.store.model.EnrolmentStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchRequestTest {

    private static final int WINDOW = 1000;

    @Test
    void defaultsAreTheFirstPageOfTwentyWithoutFilters() {
        SearchRequest request = SearchRequest.of(null, null, null, null, null, WINDOW);
        assertThat(request.page()).isZero();
        assertThat(request.size()).isEqualTo(20);
        assertThat(request.offset()).isZero();
        assertThat(request.query().text()).isEmpty();
        assertThat(request.query().units()).isEmpty();
        assertThat(request.query().statuses()).isEmpty();
        assertThat(request.query().limit()).isEqualTo(20);
    }

    @Test
    void filtersAreRepeatableOrCommaSeparatedAndStatusesIgnoreCase() {
        SearchRequest request = SearchRequest.of(" 张三 ", List.of("science/physics,arts"),
                List.of("enrolled", "GRADUATED"), "2", "10", WINDOW);
        assertThat(request.query().text()).isEqualTo("张三");
        assertThat(request.query().units()).containsExactlyInAnyOrder(UnitPath.parse("science/physics"),
                UnitPath.parse("arts"));
        assertThat(request.query().statuses()).containsExactlyInAnyOrder(EnrolmentStatus.ENROLLED,
                EnrolmentStatus.GRADUATED);
        assertThat(request.offset()).isEqualTo(20);
        assertThat(request.query().limit()).isEqualTo(10);
    }

    @Test
    void badParametersAre400NamingTheParameterNotTheValue() {
        assertBad(() -> SearchRequest.of("x", null, List.of("EXPELLED"), null, null, WINDOW), "'status'");
        assertBad(() -> SearchRequest.of("x", List.of("science//physics"), null, null, null, WINDOW), "'unit'");
        assertBad(() -> SearchRequest.of("x", List.of("*"), null, null, null, WINDOW), "'unit'");
        assertBad(() -> SearchRequest.of("x", null, null, "-1", null, WINDOW), "'page'");
        assertBad(() -> SearchRequest.of("x", null, null, "one", null, WINDOW), "'page'");
        assertBad(() -> SearchRequest.of("x", null, null, null, "0", WINDOW), "'size'");
        assertBad(() -> SearchRequest.of("x", null, null, null, "101", WINDOW), "'size'");
        assertBad(() -> SearchRequest.of("x", null, null, "10", "100", WINDOW), "'page'");
        assertBad(() -> SearchRequest.of("名".repeat(101), null, null, null, null, WINDOW), "'q'");
        assertThat(SearchRequest.of("x", null, null, "9", "100", WINDOW).offset()).isEqualTo(900);
    }

    @Test
    void printingHidesTheSearchText() {
        assertThat(SearchRequest.of("张三", null, null, null, null, WINDOW).toString()).doesNotContain("张三");
    }

    private static void assertBad(Runnable call, String parameter) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(BadRequest.class, e -> {
            assertThat(e.type().status()).isEqualTo(400);
            assertThat(e.getMessage()).contains(parameter).doesNotContain("EXPELLED");
        });
    }
}
