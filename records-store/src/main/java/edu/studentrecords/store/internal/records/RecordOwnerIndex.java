package edu.studentrecords.store.internal.records;

import edu.studentrecords.store.RecordOwners;
import edu.studentrecords.store.access.Grant;
import edu.studentrecords.store.internal.gate.RecordGate;
import edu.studentrecords.store.internal.gate.RecordLookup;
import edu.studentrecords.store.internal.mongo.RecordCollection;
import edu.studentrecords.store.internal.mongo.RecordHeader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link RecordOwners} from the records' access facts. Thread-safe. */
public final class RecordOwnerIndex implements RecordOwners {

    private final RecordLookup lookup;
    private final RecordCollection records;

    public RecordOwnerIndex(RecordLookup lookup, RecordCollection records) {
        this.lookup = lookup;
        this.records = records;
    }

    @Override
    public Optional<String> ownerOf(String recordId) {
        return lookup.header(recordId).map(RecordHeader::ownerSubject);
    }

    @Override
    public List<String> coveredBy(Grant grant) {
        List<String> owners = new ArrayList<>();
        records.forEachHeader(header -> {
            if (header.ownerSubject() != null && grant.covers(RecordGate.target(header))) {
                owners.add(header.ownerSubject());
            }
        });
        return owners;
    }
}
