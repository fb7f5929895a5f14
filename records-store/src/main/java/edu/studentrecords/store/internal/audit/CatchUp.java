package edu.studentrecords.store.internal.audit;

import edu.studentrecords.store.audit.AuditEntry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;

/**
 * Brings the history index and the anchor up to a given sequence: indexes every stored entry after the
 * anchor up to it, then moves the anchor. Entries this process appended are passed in and not read
 * back; those of other processes, or left over from a crash, are read from the chain by key.
 *
 * <p>The anchor moves only after the entries up to it are indexed, so the anchor is also the point
 * after which indexing may be missing; and only over an unbroken run of stored entries, so a cut of the chain is
 * never anchored over (the entries after it are indexed all the same). Safe to run concurrently in several
 * processes: every write is idempotent and the anchor only moves forward.
 */
final class CatchUp {

    private static final int STEP = 1024;

    private final ChainReader chain;
    private final HistoryIndex index;
    private final Anchor anchor;

    CatchUp(ChainReader chain, HistoryIndex index, Anchor anchor) {
        this.chain = chain;
        this.index = index;
        this.anchor = anchor;
    }

    /** Indexes and anchors every stored entry up to {@code target}. */
    void upTo(long target, Collection<AuditEntry> known) {
        Map<Long, AuditEntry> knownBySequence = new TreeMap<>();
        known.forEach(entry -> knownBySequence.put(entry.sequence(), entry));
        long anchored = anchor.read().sequence();
        // The anchor moves only over an unbroken run from where it stands: an entry missing (cut from the chain) or
        // malformed holds it there, so that a verify still finds the anchor past the chain's end.
        long reach = anchored;
        while (anchored < target) {
            long last = Math.min(target, anchored + STEP);
            List<AuditEntry> entries = new ArrayList<>();
            List<Long> missing = new ArrayList<>();
            for (long sequence = anchored + 1; sequence <= last; sequence++) {
                AuditEntry entry = knownBySequence.get(sequence);
                if (entry == null) {
                    missing.add(sequence);
                } else {
                    entries.add(entry);
                }
            }
            for (Document document : chain.fetch(missing).values()) {
                try {
                    entries.add(EntryDocument.toEntry(document));
                } catch (MalformedEntryException e) {
                    // Not indexable; verify() reports it.
                }
            }
            entries.sort(Comparator.comparingLong(AuditEntry::sequence));
            ChainHead reached = null;
            for (AuditEntry entry : entries) {
                if (entry.sequence() == reach + 1) {
                    reach = entry.sequence();
                    reached = ChainHead.of(entry);
                }
            }
            // The anchor's journaled write makes the index writes before it durable: one durable write, not two.
            index.add(entries, reached == null);
            if (reached != null) {
                anchor.advanceTo(reached);
            }
            anchored = last;
        }
    }

    /** Indexes and anchors everything stored after the anchor; returns the chain's head. */
    ChainHead fromAnchor() {
        ChainHead anchored = anchor.read();
        ChainHead head = chain.advance(anchored);
        upTo(head.sequence(), List.of());
        return head;
    }
}
