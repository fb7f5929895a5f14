package edu.studentrecords.store.internal.people;

import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.Duty;
import edu.studentrecords.store.audit.AuditOperation;
import edu.studentrecords.store.audit.AuditReason;
import edu.studentrecords.store.internal.gate.NoticeGate;
import edu.studentrecords.store.internal.gate.Pass;
import edu.studentrecords.store.people.PeopleDirectory;
import edu.studentrecords.store.validation.FieldError;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/** {@link PeopleDirectory} behind the gate. Thread-safe. */
public final class GatedPeopleDirectory implements PeopleDirectory {

    /** The centre and supervision: whoever reads reports and grants, and the trail. */
    private static final List<Duty> ASKERS = List.of(Duty.HANDLE_REPORTS, Duty.SUPERVISE);

    private final NoticeGate gate;

    public GatedPeopleDirectory(NoticeGate gate) {
        this.gate = gate;
    }

    @Override
    public <T> T named(AccessContext ctx, List<String> ids, Function<List<String>, T> source) {
        Pass pass = gate.firstDuty(ctx, AuditOperation.PEOPLE_LOOKUP, ASKERS).pass();
        if (ids.isEmpty() || ids.size() > MAX_PEOPLE) {
            throw pass.invalid(null, AuditReason.INVALID_REQUEST, StoreException.invalid(StoreException.Subject.PEOPLE,
                    new FieldError("id", "count", "name 1 to " + MAX_PEOPLE + " people")));
        }
        pass.allow(null);
        return source.apply(List.copyOf(ids));
    }

    @Override
    public <T> T assignees(AccessContext ctx, Supplier<T> source) {
        gate.firstDuty(ctx, AuditOperation.PEOPLE_LOOKUP, ASKERS).pass().allow(null);
        return source.get();
    }
}
