package edu.studentrecords.keycloak.rest.consents;

import com.fasterxml.jackson.annotation.JsonInclude;
import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.consent.ConsentEvent;
import edu.studentrecords.store.consent.ConsentPurpose;
import edu.studentrecords.store.consent.ConsentState;
import edu.studentrecords.store.validation.FieldError;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A consent as the API answers it: {@code purpose, status, by, at, textVersion} (who gave or withdrew it last, when,
 * under which version of the purpose's text), with {@code byRole} ({@code STUDENT} or {@code GUARDIAN}), and, for
 * the person asked to consent, the purpose's current {@code version} and {@code texts} and {@code reliedOnBy} (the
 * outside bodies whose active grants covering the student rely on this consent); the centre's ledger adds
 * {@code recordId} and the {@code history}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConsentRepresentation(String recordId, String purpose, String status, String by, String byRole,
        Instant at, Integer textVersion, Integer version, Map<String, String> texts, List<Event> history,
        List<String> reliedOnBy) {

    /** One line of the ledger. */
    public record Event(boolean given, String by, String byRole, Instant at, int textVersion) {
        static Event of(ConsentEvent event) {
            return new Event(event.given(), event.by(), event.byRole(), event.at(), event.textVersion());
        }
    }

    /** A student's (or a child's) consent, with the purpose's current text. */
    public static ConsentRepresentation of(ConsentState state, ConsentPurpose purpose) {
        return new ConsentRepresentation(null, state.purpose(), state.status().name(), state.by(), state.byRole(),
                state.at(), state.textVersion() == 0 ? null : state.textVersion(), purpose.version(), purpose.texts(),
                null, state.reliedOnBy());
    }

    /** A consent in the centre's ledger, with its history. */
    public static ConsentRepresentation inLedger(ConsentState state) {
        return new ConsentRepresentation(state.recordId(), state.purpose(), state.status().name(), state.by(),
                state.byRole(), state.at(), state.textVersion(), null, null,
                state.history().stream().map(Event::of).toList(), null);
    }

    /** The body of {@code PUT .../consents/{purpose}}. */
    public record Request(Boolean given) {
        /** Whether the consent is given; 422 when the body does not say. */
        public boolean required() {
            if (given == null) {
                throw StoreException.invalid(StoreException.Subject.CONSENT,
                        new FieldError("given", "required", "is required"));
            }
            return given;
        }
    }

    /** The answer of {@code GET /me/consents}, {@code GET /guardian/children/{id}/consents}, {@code GET /consents}. */
    public record Listing(List<ConsentRepresentation> consents) {
    }

    /** Each state with the text of its purpose. */
    public static Listing listing(List<ConsentState> states, List<ConsentPurpose> purposes) {
        return new Listing(states.stream().map(state -> of(state, purposes.stream()
                .filter(p -> p.id().equals(state.purpose())).findFirst().orElseThrow())).toList());
    }
}
