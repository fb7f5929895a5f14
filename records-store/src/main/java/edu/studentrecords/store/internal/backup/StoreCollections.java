package edu.studentrecords.store.internal.backup;

import edu.studentrecords.store.internal.audit.AuditCollectionNames;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The order a backup reads collections in, and which collections are gap-free sequence logs.
 *
 * <p>A backup is online, so each collection is read at a different moment; the order makes the moments fit
 * the order the store writes in. The audit anchor and history index come before the audit chain (the anchor
 * may lag the chain, never lead it; the store catches the index up on open). Records come before their keys (a
 * record's key is written before the record and destroyed before it; read afterwards, every record in the backup
 * has its key unless it was destroyed meanwhile, and then the erasure ledger has it). Histories come between them (a
 * record's history entry is written before the record). The change feed comes
 * after the records (its intents are written before the records they announce), and the audit chain last (every
 * decision is appended before the record operation it allows). Collections the store does not know of are read
 * in between, by name.
 */
public final class StoreCollections {

    public static final String RECORDS = "records";
    public static final String RECORD_KEYS = "record_keys";
    public static final String CHANGES = "changes";
    /** Change feed entries a consumer could not take ({@code _id} = the entry's sequence); ids and codes only. */
    public static final String FEED_QUARANTINE = "feed_quarantine";
    /** Sealed archives of leavers, one per record ({@code _id} = record id), sealed under the record's data key. */
    public static final String RECORD_ARCHIVES = "record_archives";
    /** The legal holds: a record under one not lifted is never destroyed. */
    public static final String LEGAL_HOLDS = "legal_holds";
    /** Guardian accounts linked to guardian entries of records ({@code entry} = record id and entry, unique). */
    public static final String GUARDIAN_LINKS = "guardian_links";
    /** Guardian invitations ({@code _id} = SHA-256 of the one-time token), accepted at most once. */
    public static final String GUARDIAN_INVITATIONS = "guardian_invitations";
    /** The consent ledger's events, only ever inserted (given or withdrawn, by whom, when, under which text version). */
    public static final String CONSENT_EVENTS = "consent_events";
    /** Each student's latest consent event per purpose ({@code _id} = record id and purpose). */
    public static final String CONSENT_STATES = "consent_states";
    /**
     * Records' histories, one entry per change ({@code record} = record id), sealed under the record's data key. Read
     * after the records: a record's entries are written before it, so every entry a backed-up record points to is in
     * the backup too.
     */
    public static final String RECORD_HISTORY = "record_history";
    /**
     * The backup and restore jobs started by the centre, shared by every node of a cluster. The store's own working
     * state, not data: never backed up, and not counted when a restore asks whether the store is empty.
     */
    public static final String BACKUP_JOBS = "backup_jobs";

    /** Notices of changes to the applications that read what changed ({@code record}, {@code client}); ids only. */
    public static final String RECIPIENT_NOTICES = "recipient_notices";
    /** The centre's incidents, each with the records its scope reached (ids) and its timeline. */
    public static final String INCIDENTS = "incidents";
    /** Reminders of due confirmations sent, one per record and due date; ids and dates only. */
    public static final String VERIFICATION_REMINDERS = "verification_reminders";

    private static final AuditCollectionNames AUDIT = AuditCollectionNames.DEFAULTS;
    private static final List<String> FIRST = List.of(AUDIT.anchor(), AUDIT.byRecord());
    private static final List<String> LAST = List.of(RECORDS, RECORD_HISTORY, RECORD_KEYS, CHANGES, AUDIT.entries());

    /**
     * Logs whose {@code _id} is a gap-free sequence (the change feed from 1, the audit chain from its first kept entry). A restore keeps only
     * their gap-free beginning, which the backup's manifest names: an entry appended while the backup read, seen without an earlier one still in
     * flight, would leave a gap that readers of the restored log stop at.
     */
    public static final Set<String> SEQUENCE_LOGS = Set.of(CHANGES, AUDIT.entries());

    private StoreCollections() {
    }

    /** The collections to back up, in reading order; MongoDB's own {@code system.*} collections are left out. */
    public static List<String> readingOrder(Collection<String> present) {
        List<String> order = new ArrayList<>();
        FIRST.stream().filter(present::contains).forEach(order::add);
        Set<String> others = new TreeSet<>(present);
        others.removeAll(FIRST);
        others.removeAll(LAST);
        others.removeIf(name -> name.startsWith("system."));
        others.remove(BACKUP_JOBS);
        order.addAll(others);
        LAST.stream().filter(present::contains).forEach(order::add);
        return order;
    }
}
