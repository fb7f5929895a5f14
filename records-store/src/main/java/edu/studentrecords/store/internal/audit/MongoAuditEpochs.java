package edu.studentrecords.store.internal.audit;

import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.audit.AnchorCheck;
import edu.studentrecords.store.audit.AuditEntry;
import edu.studentrecords.store.audit.AuditEpochs;
import edu.studentrecords.store.audit.AuditEvent;
import edu.studentrecords.store.audit.AuditOperation;
import edu.studentrecords.store.audit.Decision;
import edu.studentrecords.store.audit.OpenEpoch;
import edu.studentrecords.store.audit.ReadCounts;
import edu.studentrecords.store.audit.AuditSigner;
import edu.studentrecords.store.audit.ChainVerification;
import edu.studentrecords.store.audit.ExternalAnchor;
import edu.studentrecords.store.audit.SealedEpoch;
import edu.studentrecords.store.audit.TrailVerification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;
import org.bson.Document;
import org.jboss.logging.Logger;

/** {@link AuditEpochs} over the trail's collections. Thread-safe. */
final class MongoAuditEpochs implements AuditEpochs {

    private static final Logger LOG = Logger.getLogger(MongoAuditEpochs.class);
    private static final int FEED_PAGE = 1000;
    /** Entries about a held record a minute either side of an epoch's times keep it too: node clocks differ. */
    private static final Duration HOLD_MARGIN = Duration.ofMinutes(1);

    private final MongoAuditTrail trail;
    private final EpochRegister register;
    private final ChainReader chain;
    private final MongoCollection<Document> entries;
    private final ChainVerifier verifier;
    private final Anchor anchor;
    private final HistoryIndex index;
    private final EpochSealer sealer;
    private final EpochFile files;
    private final FeedCursor cursor;
    private final AuditExtracts extracts;
    private final ReadCounter counter;
    private final Supplier<Set<String>> heldRecords;

    MongoAuditEpochs(MongoAuditTrail trail, Parts parts, Supplier<Set<String>> heldRecords) {
        this.trail = trail;
        this.register = parts.register();
        this.chain = parts.chain();
        this.entries = parts.entries();
        this.verifier = parts.verifier();
        this.anchor = parts.anchor();
        this.index = parts.index();
        this.sealer = new EpochSealer(register, chain, new SegmentWalk(chain, parts.mac()), anchor);
        this.files = new EpochFile(chain, parts.mac());
        this.cursor = new FeedCursor(parts.feed());
        this.extracts = new AuditExtracts(chain, parts.mac(), index);
        this.counter = new ReadCounter(chain);
        this.heldRecords = heldRecords;
    }

    /** What the epochs share with the trail. */
    record Parts(EpochRegister register, ChainReader chain, MongoCollection<Document> entries, ChainMac mac,
            ChainVerifier verifier, Anchor anchor, HistoryIndex index, MongoCollection<Document> feed) {
    }

    @Override
    public List<SealedEpoch> sealed() {
        return register.all();
    }

    @Override
    public List<SealedEpoch> sealed(int offset, int limit) {
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("offset must not be negative and limit must be positive");
        }
        return register.page(offset, limit);
    }

    @Override
    public List<SealedEpoch> sealDue(Instant now, int maxEntries, boolean closeOpen, AuditSigner signer) {
        trail.flush();
        return sealer.sealDue(now, maxEntries, closeOpen, signer);
    }

    @Override
    public Optional<OpenEpoch> open() {
        trail.flush();
        return sealer.open();
    }

    @Override
    public ExternalAnchor head(String place) {
        trail.flush();
        ChainHead head = anchor.read();
        return head.sequence() == 0 || head.sequence() == Long.MAX_VALUE ? null
                : new ExternalAnchor(place, head.sequence(), head.hash(), null);
    }

    @Override
    public TrailVerification verify(boolean incremental, List<ExternalAnchor> anchors) {
        trail.flush();
        List<SealedEpoch> epochs = register.all();
        ChainHead base = keptFrom(epochs);
        Long brokenEpoch = null;
        int checked = 0;
        ChainHead walkFrom = base;
        for (SealedEpoch epoch : epochs) {
            if (epoch.dropped()) {
                continue;
            }
            checked++;
            if (brokenEpoch == null && !boundariesHold(epoch)) {
                brokenEpoch = epoch.id();
            }
            walkFrom = new ChainHead(epoch.checkpoint().lastSequence(), epoch.checkpoint().headHash());
        }
        ChainVerification chainCheck = incremental
                ? verifier.verify(trail.seenHere(), walkFrom, base.sequence() + 1)
                : verifier.verify(trail.seenHere(), base);
        List<AnchorCheck> checks = new ArrayList<>();
        ChainHead storeAnchor = anchor.read();
        for (ExternalAnchor external : anchors) {
            checks.add(compare(external, base, storeAnchor, epochs));
        }
        return new TrailVerification(chainCheck, incremental, base.sequence() + 1, checked, brokenEpoch, checks);
    }

    private boolean boundariesHold(SealedEpoch epoch) {
        long first = epoch.checkpoint().firstSequence();
        long last = epoch.checkpoint().lastSequence();
        var found = chain.fetch(List.of(first, last));
        Document firstDoc = found.get(first);
        Document lastDoc = found.get(last);
        return firstDoc != null && lastDoc != null
                && epoch.checkpoint().previousHash().equals(firstDoc.get(EntryDocument.PREVIOUS_HASH))
                && epoch.checkpoint().headHash().equals(lastDoc.get(EntryDocument.HASH));
    }

    private AnchorCheck compare(ExternalAnchor external, ChainHead base, ChainHead storeAnchor, List<SealedEpoch> epochs) {
        List<String> findings = new ArrayList<>();
        if (external.sequence() > base.sequence()) {
            String hash = verifier.hashAt(external.sequence());
            if (hash == null) {
                findings.add("CUT");
            } else if (!hash.equals(external.hash())) {
                findings.add("REWRITTEN");
            }
            if (storeAnchor.sequence() < external.sequence()) {
                findings.add("ANCHOR_MOVED");
            }
        }
        if (external.epoch() != null) {
            boolean same = epochs.stream().anyMatch(e -> e.id() == external.epoch()
                    && e.checkpoint().lastSequence() == external.sequence()
                    && e.checkpoint().headHash().equals(external.hash()));
            if (!same) {
                findings.add("CHECKPOINT_MISSING");
            }
        }
        return new AnchorCheck(external.place(), external.sequence(), external.epoch(), findings);
    }

    /** The checkpoint of the last of the dropped epochs at the start of the chain, or the chain's start. */
    static ChainHead keptFrom(List<SealedEpoch> epochs) {
        ChainHead base = ChainHead.EMPTY;
        for (SealedEpoch epoch : epochs) {
            if (!epoch.dropped()) {
                break;
            }
            base = new ChainHead(epoch.checkpoint().lastSequence(), epoch.checkpoint().headHash());
        }
        return base;
    }

    @Override
    public List<SealedEpoch> dropExpired(Instant now, int retentionDays, AuditSigner signer, Path exportDir)
            throws IOException {
        Instant cutoff = now.minus(Duration.ofDays(retentionDays));
        List<SealedEpoch> dropped = new ArrayList<>();
        Set<String> held = null;
        for (SealedEpoch epoch : register.all()) {
            if (epoch.dropped()) {
                // An earlier drop may have stopped half-way: its entries go now.
                deleteEntries(epoch);
                continue;
            }
            if (!epoch.checkpoint().lastTime().isBefore(cutoff)) {
                break;
            }
            held = held == null ? heldRecords.get() : held;
            if (namesAny(epoch, held)) {
                LOG.infof("Audit epoch %d is past its retention but names a record under a legal hold: kept", epoch.id());
                break;
            }
            Files.createDirectories(exportDir);
            Path file = exportDir.resolve(EpochFile.nameOf(epoch.id()));
            if (!Files.exists(file)) {
                files.write(epoch, signer, file);
            }
            if (register.markDropped(epoch.id(), now)) {
                // One entry per drop, by the node whose mark won, before the entries go.
                trail.append(dropEvent(epoch));
            }
            deleteEntries(epoch);
            dropped.add(new SealedEpoch(epoch.checkpoint(), epoch.signed(), now));
            LOG.infof("Audit epoch %d exported and dropped after its retention", epoch.id());
        }
        return dropped;
    }

    /** The system's entry of a drop: the epoch and its sequences in the reason, {@code epoch:<n>:<first>-<last>}. */
    static AuditEvent dropEvent(SealedEpoch epoch) {
        String range = "epoch:" + epoch.id() + ":" + epoch.checkpoint().firstSequence() + "-"
                + epoch.checkpoint().lastSequence();
        return new AuditEvent(null, AuditEvent.SYSTEM_CLIENT, null, null, null, List.of(), Set.of(),
                AuditOperation.AUDIT_EPOCH_DROP.code(), Decision.ALLOW, range);
    }

    private boolean namesAny(SealedEpoch epoch, Set<String> held) {
        Instant from = epoch.checkpoint().firstTime().minus(HOLD_MARGIN);
        Instant to = epoch.checkpoint().lastTime().plus(HOLD_MARGIN);
        for (String recordId : held) {
            if (!index.sequencesOf(recordId, from, to, 0, 1).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private void deleteEntries(SealedEpoch epoch) {
        long last = epoch.checkpoint().lastSequence();
        for (long next = epoch.checkpoint().firstSequence(); next <= last; next += ChainReader.CHUNK) {
            int count = (int) Math.min(ChainReader.CHUNK, last - next + 1);
            entries.deleteMany(in(EntryDocument.ID, ChainReader.sequences(next, count)));
        }
    }

    @Override
    public void export(long epoch, AuditSigner signer, Path file) throws IOException {
        SealedEpoch found = register.all().stream().filter(e -> e.id() == epoch).findFirst()
                .orElseThrow(() -> StoreException.notFound(StoreException.Subject.AUDIT_TRAIL));
        if (found.dropped()) {
            throw StoreException.conflict(StoreException.Subject.AUDIT_TRAIL, "DROPPED");
        }
        files.write(found, signer, file);
    }

    @Override
    public String extract(String recordId, String clientId, Instant from, Instant to, AuditSigner signer,
            Instant now) {
        trail.flush();
        List<SealedEpoch> epochs = register.all();
        if (recordId != null) {
            return extracts.ofRecord(recordId, from, to, epochs, signer, now);
        }
        long head = chain.advance(anchor.read()).sequence();
        return extracts.ofClient(clientId, from, to, keptFrom(epochs).sequence() + 1, head, epochs, signer, now);
    }

    @Override
    public ReadCounts readCounts(Instant from, Instant to, ReadCounts.By by, ReadCounts.Bucket bucket) {
        trail.flush();
        long head = chain.advance(anchor.read()).sequence();
        return counter.count(from, to, by, bucket, keptFrom(register.all()).sequence() + 1, head);
    }

    @Override
    public int feed(Path file, String node, Instant now) throws IOException {
        OptionalLong claimed = cursor.claim(node, now);
        if (claimed.isEmpty()) {
            return 0;
        }
        FeedFile out = new FeedFile(file);
        long next = Math.max(claimed.getAsLong(), out.lastSequence() + 1);
        next = Math.max(next, keptFrom(register.all()).sequence() + 1);
        int written = 0;
        while (true) {
            List<AuditEntry> page = trail.range(next, FEED_PAGE);
            if (page.isEmpty()) {
                cursor.advance(node, next);
                return written;
            }
            List<byte[]> lines = new ArrayList<>(page.size());
            page.forEach(entry -> lines.add(EntryJson.line(entry)));
            out.append(lines);
            next = page.get(page.size() - 1).sequence() + 1;
            written += page.size();
            if (!cursor.advance(node, next)) {
                return written;
            }
        }
    }
}
