package edu.studentrecords.store.internal.notices;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.StoreException.Subject;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.audit.AuditOperation;
import edu.studentrecords.store.audit.AuditReason;
import edu.studentrecords.store.internal.gate.NoticeGate;
import edu.studentrecords.store.internal.gate.Pass;
import edu.studentrecords.store.internal.records.ChangeListener;
import edu.studentrecords.store.model.FieldGroup;
import edu.studentrecords.store.notices.RecipientNotice;
import edu.studentrecords.store.notices.RecipientNotices;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.bson.Document;
import org.jboss.logging.Logger;

/**
 * The notices of changes, one document per application told of one change (single-document writes only): filed when
 * a change is written, for the applications that read a changed group of the record in the last
 * {@link RecipientNotices#LOOK_BACK_DAYS} days ({@link ChangeRecipients}); listed and acknowledged by the application
 * told, read by the student. Thread-safe.
 */
public final class NoticeBook implements RecipientNotices, ChangeListener {

    private static final Logger LOG = Logger.getLogger(NoticeBook.class);
    private static final int MAX_LISTED = 500;

    static final String ID = "_id";
    static final String RECORD = "record";
    static final String CLIENT = "client";
    static final String GRANT = "grant";
    static final String GROUPS = "groups";
    static final String CHANGED_AT = "changedAt";
    static final String KIND = "kind";
    static final String VERSION = "version";
    static final String ACKNOWLEDGED_AT = "acknowledgedAt";

    private final MongoCollection<Document> notices;
    private final ChangeRecipients recipients;
    private final NoticeGate gate;
    private final Clock clock;

    public NoticeBook(MongoCollection<Document> notices, ChangeRecipients recipients, NoticeGate gate, Clock clock) {
        this.notices = notices;
        this.recipients = recipients;
        this.gate = gate;
        this.clock = clock;
        notices.createIndex(Indexes.ascending(CLIENT, CHANGED_AT));
        notices.createIndex(Indexes.ascending(RECORD, VERSION));
    }

    @Override
    public void written(WrittenChange change) {
        try {
            String kind = AuditOperation.APPROVE_CORRECTION.code().equals(change.operation()) ? "correction" : "edit";
            for (ChangeRecipients.Recipient to : recipients.of(change)) {
                notices.insertOne(new Document(ID, UUID.randomUUID().toString())
                        .append(RECORD, change.recordId())
                        .append(CLIENT, to.clientId())
                        .append(GRANT, to.grantId())
                        .append(GROUPS, to.groups().stream().map(Enum::name).toList())
                        .append(CHANGED_AT, Date.from(change.at()))
                        .append(KIND, kind)
                        .append(VERSION, change.version())
                        .append(ACKNOWLEDGED_AT, null));
            }
        } catch (RuntimeException e) {
            // The change stands; the notices missing are found again from the trail by whoever looks for them.
            LOG.errorf("Notices of a change could not be filed (%s)", e.getClass().getName());
        }
    }

    @Override
    public List<RecipientNotice> forCaller(AccessContext ctx) {
        Pass pass = gate.recipient(ctx, AuditOperation.NOTICE_LIST);
        List<RecipientNotice> found = new ArrayList<>();
        notices.find(Filters.eq(CLIENT, ctx.clientId())).sort(Sorts.descending(CHANGED_AT)).limit(MAX_LISTED)
                .forEach(doc -> found.add(notice(doc)));
        found.sort(Comparator.comparing((RecipientNotice n) -> n.acknowledgedAt() != null));
        pass.allowListing(found.stream().map(RecipientNotice::recordId).distinct().toList());
        return List.copyOf(found);
    }

    @Override
    public RecipientNotice acknowledge(AccessContext ctx, String noticeId) {
        Pass pass = gate.recipient(ctx, AuditOperation.NOTICE_ACK);
        Document doc = noticeId == null ? null
                : notices.find(Filters.and(Filters.eq(ID, noticeId), Filters.eq(CLIENT, ctx.clientId()))).first();
        if (doc == null) {
            throw pass.deny(null, AuditReason.NOTICE_NOT_FOUND, StoreException.notFound(Subject.NOTICE));
        }
        if (doc.get(ACKNOWLEDGED_AT) == null) {
            Date now = Date.from(clock.instant());
            notices.updateOne(Filters.and(Filters.eq(ID, noticeId), Filters.eq(ACKNOWLEDGED_AT, null)),
                    Updates.set(ACKNOWLEDGED_AT, now));
            doc = notices.find(Filters.eq(ID, noticeId)).first();
        }
        pass.allow(doc.getString(RECORD));
        return notice(doc);
    }

    @Override
    public List<RecipientNotice> ofChange(String recordId, long version) {
        List<RecipientNotice> found = new ArrayList<>();
        notices.find(Filters.and(Filters.eq(RECORD, recordId), Filters.eq(VERSION, version)))
                .forEach(doc -> found.add(notice(doc)));
        return List.copyOf(found);
    }

    /** Every notice about a record, newest first: whom its changes were told to (for the student, gated by the caller). */
    public List<RecipientNotice> aboutRecord(String recordId) {
        List<RecipientNotice> found = new ArrayList<>();
        notices.find(Filters.eq(RECORD, recordId)).sort(Sorts.descending(CHANGED_AT)).limit(MAX_LISTED)
                .forEach(doc -> found.add(notice(doc)));
        return List.copyOf(found);
    }

    private static RecipientNotice notice(Document doc) {
        Set<FieldGroup> groups = EnumSet.noneOf(FieldGroup.class);
        doc.getList(GROUPS, String.class).forEach(g -> groups.add(FieldGroup.valueOf(g)));
        Date acknowledged = doc.getDate(ACKNOWLEDGED_AT);
        Instant at = acknowledged == null ? null : acknowledged.toInstant();
        return new RecipientNotice(doc.getString(ID), doc.getString(RECORD), doc.getString(CLIENT),
                doc.getString(GRANT), groups, doc.getDate(CHANGED_AT).toInstant(), doc.getString(KIND),
                doc.get(VERSION, Number.class).longValue(), at);
    }
}
