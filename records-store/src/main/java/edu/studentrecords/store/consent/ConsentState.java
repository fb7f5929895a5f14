package edu.studentrecords.store.consent;

import java.time.Instant;
import java.util.List;

/**
 * A student's consent for one purpose now, with its history, oldest first.
 *
 * @param recordId    the student's record
 * @param purpose     the purpose's id
 * @param status      where it stands
 * @param by          who gave or withdrew it last; null for {@link ConsentStatus#NONE}
 * @param byRole      {@code STUDENT} or {@code GUARDIAN}; null for {@link ConsentStatus#NONE}
 * @param at          when; null for {@link ConsentStatus#NONE}
 * @param textVersion the text version it was given or withdrawn under; 0 for {@link ConsentStatus#NONE}
 * @param history     every event, oldest first
 * @param reliedOnBy  the client ids of the outside bodies whose active grants covering the student rely on this
 *                    consent (empty in the centre's ledger)
 */
public record ConsentState(String recordId, String purpose, ConsentStatus status, String by, String byRole,
        Instant at, int textVersion, List<ConsentEvent> history, List<String> reliedOnBy) {

    public ConsentState {
        history = List.copyOf(history);
        reliedOnBy = reliedOnBy == null ? List.of() : List.copyOf(reliedOnBy);
    }

    /** The same state, with the outside bodies that rely on it. */
    public ConsentState reliedOnBy(List<String> clientIds) {
        return new ConsentState(recordId, purpose, status, by, byRole, at, textVersion, history, clientIds);
    }

    /** The state a history leads to. */
    public static ConsentState of(String recordId, String purpose, List<ConsentEvent> history) {
        if (history.isEmpty()) {
            return new ConsentState(recordId, purpose, ConsentStatus.NONE, null, null, null, 0, history, List.of());
        }
        ConsentEvent last = history.get(history.size() - 1);
        return new ConsentState(recordId, purpose, last.given() ? ConsentStatus.GIVEN : ConsentStatus.WITHDRAWN,
                last.by(), last.byRole(), last.at(), last.textVersion(), history, List.of());
    }
}
