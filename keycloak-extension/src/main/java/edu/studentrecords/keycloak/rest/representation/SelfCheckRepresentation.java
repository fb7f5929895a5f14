package edu.studentrecords.keycloak.rest.representation;

import edu.studentrecords.store.check.Finding;
import edu.studentrecords.store.check.SelfCheckReport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A self-check report as the API shows it. */
public final class SelfCheckRepresentation {

    private SelfCheckRepresentation() {
    }

    public static Map<String, Object> of(SelfCheckReport report) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ranAt", report.ranAt());
        body.put("clean", report.clean());
        body.put("auditChainIntact", report.chainIntact());
        body.put("auditEntriesChecked", report.entriesChecked());
        body.put("scannedFromSequence", report.scannedFrom());
        body.put("scannedToSequence", report.scannedTo());
        List<Map<String, Object>> findings = report.findings().stream().map(SelfCheckRepresentation::finding).toList();
        body.put("findings", findings);
        return body;
    }

    private static Map<String, Object> finding(Finding f) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", f.code());
        body.put("actor", f.actor());
        body.put("count", f.count());
        body.put("from", f.from());
        body.put("to", f.to());
        return body;
    }
}
