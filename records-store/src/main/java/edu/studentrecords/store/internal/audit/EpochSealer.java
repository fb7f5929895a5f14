package edu.studentrecords.store.internal.audit;

import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.audit.AuditCheckpoint;
import edu.studentrecords.store.audit.AuditEntry;
import edu.studentrecords.store.audit.AuditSigner;
import edu.studentrecords.store.audit.OpenEpoch;
import edu.studentrecords.store.audit.SealedEpoch;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.jboss.logging.Logger;

/**
 * Closes and seals epochs: the next epoch starts after the last sealed one and ends at {@code maxEntries} entries, at
 * the anchored head once its first entry's day (UTC) is over, or at the anchored head when asked to close it now. Only
 * anchored entries are sealed (stored and indexed, so the store's anchor never lags behind a checkpoint). The epoch's
 * entries are walked and checked before its checkpoint is signed, and a broken epoch is never sealed.
 */
final class EpochSealer {

    private static final Logger LOG = Logger.getLogger(EpochSealer.class);

    private final EpochRegister register;
    private final ChainReader chain;
    private final SegmentWalk walk;
    private final Anchor anchor;

    EpochSealer(EpochRegister register, ChainReader chain, SegmentWalk walk, Anchor anchor) {
        this.register = register;
        this.chain = chain;
        this.walk = walk;
        this.anchor = anchor;
    }

    List<SealedEpoch> sealDue(Instant now, int maxEntries, boolean closeOpen, AuditSigner signer) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive");
        }
        List<SealedEpoch> sealed = new ArrayList<>();
        while (true) {
            List<SealedEpoch> all = register.all();
            SealedEpoch last = all.isEmpty() ? null : all.get(all.size() - 1);
            long start = last == null ? 1 : last.checkpoint().lastSequence() + 1;
            String previousHash = last == null ? AuditEntry.GENESIS_HASH : last.checkpoint().headHash();
            long head = anchor.read().sequence();
            if (head < start || head == Long.MAX_VALUE) {
                return sealed;
            }
            long end;
            if (head - start + 1 >= maxEntries) {
                end = start + maxEntries - 1;
            } else if (closeOpen || dayOf(firstTime(start)) < dayOf(now)) {
                end = head;
            } else {
                return sealed;
            }
            SegmentWalk.Result result = walk.walk(new ChainHead(start - 1, previousHash), end);
            if (!result.verification().intact() || result.end().sequence() != end) {
                LOG.errorf("Audit epoch from sequence %d not sealed: the chain is not intact there (%s)", start,
                        result.verification().problem() == null ? "missing entries" : result.verification().problem());
                throw StoreException.conflict(StoreException.Subject.AUDIT_TRAIL, "NOT_INTACT");
            }
            long number = last == null ? 1 : last.id() + 1;
            AuditCheckpoint checkpoint = new AuditCheckpoint(number, start, end, end - start + 1, previousHash,
                    result.end().hash(), result.firstTime(), result.lastTime(), now);
            String signed = signer.sign(AuditCheckpoint.TYPE,
                    EntryJson.write(checkpoint.claims()).getBytes(StandardCharsets.UTF_8));
            SealedEpoch epoch = new SealedEpoch(checkpoint, signed, null);
            if (register.seal(epoch)) {
                sealed.add(epoch);
                LOG.infof("Audit epoch %d sealed: sequences %d to %d", number, start, end);
            }
        }
    }

    /** The open epoch up to the anchored head, or empty when every anchored entry is sealed. */
    Optional<OpenEpoch> open() {
        List<SealedEpoch> all = register.all();
        long start = all.isEmpty() ? 1 : all.get(all.size() - 1).checkpoint().lastSequence() + 1;
        long head = anchor.read().sequence();
        if (head < start || head == Long.MAX_VALUE) {
            return Optional.empty();
        }
        return Optional.of(new OpenEpoch(start, head - start + 1, firstTime(start)));
    }

    private Instant firstTime(long sequence) {
        Document document = chain.fetch(List.of(sequence)).get(sequence);
        if (document == null) {
            throw StoreException.conflict(StoreException.Subject.AUDIT_TRAIL, "NOT_INTACT");
        }
        return document.getDate(EntryDocument.TIME).toInstant();
    }

    private static long dayOf(Instant instant) {
        return instant.atZone(ZoneOffset.UTC).toLocalDate().toEpochDay();
    }
}
