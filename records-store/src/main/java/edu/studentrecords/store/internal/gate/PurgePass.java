package edu.studentrecords.store.internal.gate;

import edu.studentrecords.store.internal.mongo.RecordHeader;
import java.util.Optional;

/** A purge decision: the pass to settle, and the record's access facts when it still exists. */
public record PurgePass(Pass pass, Optional<RecordHeader> header) {
}
