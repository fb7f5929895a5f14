package edu.studentrecords.store.testing;

import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.StoreException.Kind;
import org.assertj.core.api.Condition;

/** What the store throws, as AssertJ conditions: {@code assertThatThrownBy(...).is(Kinds.NOT_FOUND)}. */
public final class Kinds {

    public static final Condition<Throwable> NOT_FOUND = kind(Kind.NOT_FOUND);
    public static final Condition<Throwable> REFUSED = kind(Kind.REFUSED);
    public static final Condition<Throwable> INVALID = kind(Kind.INVALID);
    public static final Condition<Throwable> MALFORMED = kind(Kind.MALFORMED);
    public static final Condition<Throwable> CONFLICT = kind(Kind.CONFLICT);
    public static final Condition<Throwable> STALE = kind(Kind.STALE);
    public static final Condition<Throwable> TOO_LARGE = kind(Kind.TOO_LARGE);
    /** A refusal because the approver is the one who asked. */
    public static final Condition<Throwable> FOUR_EYES = new Condition<>(
            t -> t instanceof StoreException e && e.is(Kind.REFUSED) && StoreException.FOUR_EYES.equals(e.code()),
            "a four-eyes refusal");
    /** A refusal, either as a 403 or hiding the record as a 404. */
    public static final Condition<Throwable> REFUSED_OR_NOT_FOUND = new Condition<>(
            t -> t instanceof StoreException e && (e.is(Kind.REFUSED) || e.is(Kind.NOT_FOUND)), "refused or not found");

    private Kinds() {
    }

    /** A store exception of {@code kind}. */
    public static Condition<Throwable> kind(Kind kind) {
        return new Condition<>(t -> t instanceof StoreException e && e.is(kind), "a store exception of kind " + kind);
    }

    /** A conflict with {@code code} (the state that stood in the way). */
    public static Condition<Throwable> conflict(String code) {
        return new Condition<>(t -> t instanceof StoreException e && e.is(Kind.CONFLICT) && code.equals(e.code()),
                "a conflict because of " + code);
    }

    /** A refusal of the access policy for {@code reason}. */
    public static Condition<Throwable> refusedFor(edu.studentrecords.store.access.DenialReason reason) {
        return new Condition<>(t -> t instanceof StoreException e && e.is(Kind.REFUSED) && reason.name().equals(e.code()),
                "refused for " + reason);
    }
}
