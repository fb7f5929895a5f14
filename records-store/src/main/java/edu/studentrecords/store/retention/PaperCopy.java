package edu.studentrecords.store.retention;

import java.time.LocalDate;

/**
 * A paper copy of a record in the register (rule 6.3: paper copies are destroyed like electronic ones): where it is,
 * who is to destroy it, by when. Listed on the record's destruction certificate.
 *
 * @param id        the entry's id
 * @param recordId  the record it copies
 * @param location  where the paper is kept (a room, a cabinet)
 * @param custodian who keeps and destroys it
 * @param destroyBy the day by which it must be destroyed
 */
public record PaperCopy(String id, String recordId, String location, String custodian, LocalDate destroyBy) {

    @Override
    public String toString() {
        return "PaperCopy[id=" + id + ", recordId=" + recordId + "]";
    }
}
