package edu.studentrecords.keycloak.rest.accesslog;

import edu.studentrecords.keycloak.rest.problem.BadRequest;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code who} and {@code purpose} query parameters of {@code GET /me/access-log} and
 * {@code GET /guardian/children/{recordId}/access-log}: only the entries whose actor is of that kind and whose declared
 * purpose is that code. Either may be absent (no filter).
 *
 * @param who     the kind of actor, or null
 * @param purpose the purpose code, or null
 */
public record AccessLogFilter(Actor.Kind who, String purpose) {

    /** What a purpose code may look like; anything else is not a purpose and a 400. */
    private static final Pattern PURPOSE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    /**
     * The filter of the query parameters, {@code who} one of {@code kinds}; a 400 naming the parameter (never the
     * value) for a value it cannot be.
     */
    public static AccessLogFilter of(String who, String purpose, Set<Actor.Kind> kinds) {
        Actor.Kind kind = null;
        if (who != null && !who.isBlank()) {
            kind = kinds.stream().filter(k -> k.name().equals(who.strip().toUpperCase(Locale.ROOT))).findFirst()
                    .orElseThrow(() -> new BadRequest("bad.one-of", "who", kinds.toString()));
        }
        String code = null;
        if (purpose != null && !purpose.isBlank()) {
            code = purpose.strip();
            if (!PURPOSE.matcher(code).matches()) {
                throw new BadRequest("bad.purpose-code", "purpose", 64);
            }
        }
        return new AccessLogFilter(kind, code);
    }

    /** Whether an entry with this actor and purpose is asked for. */
    boolean keeps(Actor actor, String entryPurpose) {
        return (who == null || actor.kind() == who) && (purpose == null || purpose.equals(entryPurpose));
    }
}
