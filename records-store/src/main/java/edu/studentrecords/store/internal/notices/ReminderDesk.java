package edu.studentrecords.store.internal.notices;

import com.mongodb.client.MongoCollection;
import edu.studentrecords.store.audit.AuditOperation;
import edu.studentrecords.store.audit.AuditReason;
import edu.studentrecords.store.internal.gate.RecordGate;
import edu.studentrecords.store.internal.mongo.InsertIfAbsent;
import edu.studentrecords.store.internal.mongo.RecordCollection;
import edu.studentrecords.store.notices.VerificationReminder;
import edu.studentrecords.store.notices.VerificationReminders;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * Claims reminders of due confirmations: one document per record and due date ({@code _id} = record id and due date),
 * inserted by whoever reminds; a second insert of the same id fails, so the student is reminded once. Thread-safe.
 */
public final class ReminderDesk implements VerificationReminders {

    private final RecordCollection records;
    private final MongoCollection<Document> reminders;
    private final RecordGate gate;

    public ReminderDesk(RecordCollection records, MongoCollection<Document> reminders, RecordGate gate) {
        this.records = records;
        this.reminders = reminders;
        this.gate = gate;
    }

    @Override
    public List<VerificationReminder> claimDue(Instant now, Duration period, Duration ahead) {
        List<VerificationReminder> claimed = new ArrayList<>();
        for (Document doc : records.ownedConfirmedBetween(now.minus(period), now.minus(period).plus(ahead))) {
            String recordId = doc.getString("_id");
            Instant due = RecordCollection.confirmedAt(doc).plus(period);
            if (claim(recordId, due, now)) {
                gate.system(AuditOperation.VERIFICATION_REMINDER, recordId, AuditReason.SCHEDULED);
                claimed.add(new VerificationReminder(recordId, RecordCollection.ownerOf(doc), due));
            }
        }
        return claimed;
    }

    private boolean claim(String recordId, Instant due, Instant now) {
        return InsertIfAbsent.insert(reminders, new Document("_id", recordId + "|" + due.toEpochMilli())
                .append("record", recordId)
                .append("due", Date.from(due)).append("remindedAt", Date.from(now)));
    }
}
