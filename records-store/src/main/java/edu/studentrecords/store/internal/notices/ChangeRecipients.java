package edu.studentrecords.store.internal.notices;

import edu.studentrecords.store.audit.AuditEntry;
import edu.studentrecords.store.audit.AuditOperation;
import edu.studentrecords.store.audit.AuditTrail;
import edu.studentrecords.store.audit.Outcome;
import edu.studentrecords.store.internal.records.ChangeListener.WrittenChange;
import edu.studentrecords.store.model.FieldGroup;
import edu.studentrecords.store.notices.RecipientNotices;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who must be told of a change, from the audit trail: every application (and outside body) that read, exported or
 * found in a search a changed group of the record in the look-back window. Not told: the student's own reads, the
 * client through which the change was made, and the store's own steps. Thread-safe.
 */
public final class ChangeRecipients {

    private static final int PAGE = 1000;
    /** Bounds the work of one change: at most this many entries about the record are read. */
    private static final int MAX_ENTRIES = 50_000;
    private static final Set<String> READS = Set.of(AuditOperation.READ.code(), AuditOperation.EXPORT.code(),
            AuditOperation.SEARCH.code());

    /** One application to tell, with the changed groups it read and the grant it last read them under. */
    record Recipient(String clientId, String grantId, Set<FieldGroup> groups) {
    }

    private final AuditTrail trail;

    public ChangeRecipients(AuditTrail trail) {
        this.trail = trail;
    }

    List<Recipient> of(WrittenChange change) {
        Map<String, EnumSet<FieldGroup>> groups = new LinkedHashMap<>();
        Map<String, String> grants = new LinkedHashMap<>();
        int offset = 0;
        List<AuditEntry> page;
        do {
            page = trail.historyOf(change.recordId(), change.at().minus(RecipientNotices.LOOK_BACK_DAYS,
                    ChronoUnit.DAYS), null, offset, PAGE);
            for (AuditEntry entry : page) {
                if (!counts(entry, change)) {
                    continue;
                }
                EnumSet<FieldGroup> read = EnumSet.noneOf(FieldGroup.class);
                read.addAll(entry.groups());
                read.retainAll(change.groups());
                if (!read.isEmpty()) {
                    groups.computeIfAbsent(entry.clientId(), c -> EnumSet.noneOf(FieldGroup.class)).addAll(read);
                    if (entry.grantId() != null) {
                        grants.putIfAbsent(entry.clientId(), entry.grantId());
                    }
                }
            }
            offset += page.size();
        } while (page.size() == PAGE && offset < MAX_ENTRIES);
        List<Recipient> found = new ArrayList<>();
        groups.forEach((client, read) -> found.add(new Recipient(client, grants.get(client), read)));
        return found;
    }

    private static boolean counts(AuditEntry entry, WrittenChange change) {
        if (entry.outcome() != Outcome.DONE || !READS.contains(entry.operation())) {
            return false;
        }
        boolean own = entry.subject() != null && entry.subject().equals(change.owner());
        String client = entry.clientId();
        boolean system = client.equals("student-records") || client.startsWith("system:");
        return !own && !system && !client.equals(change.byClient());
    }
}
