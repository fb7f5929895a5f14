package edu.studentrecords.keycloak;

import com.fasterxml.jackson.annotation.JsonInclude;
import edu.studentrecords.store.enrolment.ImportReport;
import edu.studentrecords.store.enrolment.RowOutcome;
import java.util.List;

/**
 * The answer of {@code POST /records:import}: counts and one entry per row, {@code {"row","status":"created","id"}}
 * or {@code {"row","status":"failed","errors":[{field,message,rule}]}}.
 */
record ImportReportBody(int imported, int failed, List<Row> rows) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Row(int row, String status, String id, List<Problem.Error> errors) {
    }

    static ImportReportBody of(ImportReport report) {
        return new ImportReportBody(report.imported(), report.failed(),
                report.rows().stream().map(ImportReportBody::row).toList());
    }

    private static Row row(RowOutcome outcome) {
        return new Row(outcome.row(), outcome.status(), outcome.id(), outcome.created() ? null
                : outcome.errors().stream().map(e -> new Problem.Error(e.field(), e.message(), e.rule())).toList());
    }
}
