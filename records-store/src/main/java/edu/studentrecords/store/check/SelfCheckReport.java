package edu.studentrecords.store.check;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of one security self-check.
 *
 * @param ranAt             when it ran
 * @param chainIntact       whether the audit chain verified
 * @param entriesChecked    audit entries whose hash and link were checked
 * @param scannedFrom       first audit sequence examined for reading patterns (the first of the day before the run)
 * @param scannedTo         last audit sequence examined
 * @param findings          what was found; empty when all is well
 */
public record SelfCheckReport(Instant ranAt, boolean chainIntact, long entriesChecked, long scannedFrom,
        long scannedTo, List<Finding> findings) {

    public SelfCheckReport {
        findings = List.copyOf(findings);
    }

    /** Whether the check found anything to look at. */
    public boolean clean() {
        return findings.isEmpty();
    }
}
