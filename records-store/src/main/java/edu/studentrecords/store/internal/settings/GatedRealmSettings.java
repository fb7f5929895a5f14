package edu.studentrecords.store.internal.settings;

import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.Duty;
import edu.studentrecords.store.audit.AuditOperation;
import edu.studentrecords.store.audit.AuditReason;
import edu.studentrecords.store.internal.gate.Pass;
import edu.studentrecords.store.internal.gate.RecordGate;
import edu.studentrecords.store.settings.RealmSettings;
import edu.studentrecords.store.settings.SettingsSource;
import edu.studentrecords.store.validation.FieldError;
import java.util.List;

/** {@link RealmSettings} behind the gate. Thread-safe. */
public final class GatedRealmSettings implements RealmSettings {

    private final RecordGate gate;

    public GatedRealmSettings(RecordGate gate) {
        this.gate = gate;
    }

    @Override
    public <T> T read(AccessContext ctx, SettingsSource<T> source) {
        gate.duty(ctx, Duty.MANAGE_SETTINGS, AuditOperation.READ_SETTINGS, null).allow(null);
        return source.read();
    }

    @Override
    public <T> T replace(AccessContext ctx, SettingsSource<T> source, T replacement) {
        Pass pass = gate.duty(ctx, Duty.MANAGE_SETTINGS, AuditOperation.UPDATE_SETTINGS, null);
        List<FieldError> errors = source.errors(replacement);
        if (!errors.isEmpty()) {
            throw pass.invalid(null, AuditReason.INVALID_REQUEST,
                    StoreException.invalid(StoreException.Subject.SETTINGS, errors));
        }
        pass.allow(null);
        source.write(replacement);
        return source.read();
    }
}
