package edu.studentrecords.keycloak.rest.representation;

import com.fasterxml.jackson.annotation.JsonInclude;
import edu.studentrecords.keycloak.rest.problem.Problem;
import edu.studentrecords.store.enrolment.ImportReport;
import edu.studentrecords.store.enrolment.RowOutcome;
import java.util.List;

/**
 * The answer of {@code POST /records:import}: counts and one entry per row, {@code {"row","status":"created","id"}}
 * or {@code {"row","status":"failed","errors":[{field,message,rule}]}}.
 */
public record ImportReportRepresentation(int imported, int failed, List<Row> rows) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Row(int row, String status, String id, List<Problem.Error> errors) {
    }

    public static ImportReportRepresentation of(ImportReport report) {
        return new ImportReportRepresentation(report.imported(), report.failed(),
                report.rows().stream().map(ImportReportRepresentation::row).toList());
    }

    private static Row row(RowOutcome outcome) {
        return new Row(outcome.row(), outcome.status(), outcome.id(), outcome.created() ? null
                : outcome.errors().stream().map(e -> new Problem.Error(e.field(), e.message(), e.rule())).toList());
    }
}
