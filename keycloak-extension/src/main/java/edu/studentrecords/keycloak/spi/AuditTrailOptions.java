package edu.studentrecords.keycloak.spi;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The options of the audit trail's epochs, read with the other options of the {@code default} provider.
 *
 * @param epochEntries the most entries an epoch holds before it is sealed (it is sealed at the end of its day too)
 * @param sealInterval how often each node seals what is due, anchors the head and feeds the log; also how old the open
 *                     epoch's first entry must be before a seal by hand closes it (unless it holds
 *                     {@code sealMinEntries})
 * @param sealMinEntries how many entries the open epoch must hold before a seal by hand closes it (unless its first
 *                     entry is {@code sealInterval} old)
 * @param anchorDir this node's folder of append-only anchor files, one per realm
 * @param exportDir the folder where epochs are exported before their retention drops them, one sub-folder per realm
 * @param feedDir the folder of the log feed's JSON lines files (one per realm), or null for no feed
 */
public record AuditTrailOptions(int epochEntries, Duration sealInterval, int sealMinEntries, Path anchorDir,
        Path exportDir, Path feedDir) {

    public AuditTrailOptions {
        if (epochEntries < 1) {
            throw new IllegalArgumentException("audit-epoch-entries must be positive");
        }
        if (sealInterval.isNegative() || sealInterval.isZero()) {
            throw new IllegalArgumentException("audit-seal-interval-seconds must be positive");
        }
        if (sealMinEntries < 1) {
            throw new IllegalArgumentException("audit-seal-min-entries must be positive");
        }
        Objects.requireNonNull(anchorDir, "audit-anchor-dir");
        Objects.requireNonNull(exportDir, "audit-export-dir");
    }

    /** A realm's part of a folder: its id with characters outside {@code [A-Za-z0-9-]} as {@code _}. */
    public static String realmFolder(String realmId) {
        return realmId.replaceAll("[^A-Za-z0-9-]", "_");
    }
}
