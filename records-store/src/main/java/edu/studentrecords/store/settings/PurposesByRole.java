package edu.studentrecords.store.settings;

import edu.studentrecords.store.access.RealmRole;
import edu.studentrecords.store.validation.FieldError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The purposes each realm role may declare (rule 4.1), as a realm's settings name them: role name to a list of
 * purposes, e.g. {@code {"records-staff":["teaching","student-services"]}}. A role left out is limited only by the
 * purposes of the client it calls through; a role named may declare only the purposes of its list, and those only
 * while its client allows them too.
 *
 * <p>The rules, each broken one a {@link FieldError} naming the field and the rule, never the value:
 * <ul>
 *   <li>{@code purposesByRole} {@code required}: the object is missing (a replacement must say which roles are
 *       limited, so that a client that does not know of role limits cannot lift them by leaving the field out);</li>
 *   <li>{@code purposesByRole} or {@code purposesByRole.<role>} {@code role}: a name that is not a role of the product
 *       whose callers declare purposes ({@link RealmRole#declaresPurposes()}; a name the product does not know is
 *       not repeated in the field);</li>
 *   <li>{@code purposesByRole.<role>} {@code required} or {@code size}: no list, an empty one, or more than
 *       {@value #MAX_PURPOSES} purposes;</li>
 *   <li>{@code purposesByRole.<role>[i]} {@code required}, {@code unique} or {@code realm-purpose}: a blank purpose,
 *       one named twice, or one that is not among the realm's purposes (also when the same replacement takes it out
 *       of the realm's purposes).</li>
 * </ul>
 */
public final class PurposesByRole {

    /** The field of the settings that holds the purposes by role. */
    public static final String FIELD = "purposesByRole";
    /** At most this many purposes per role, as for the realm. */
    public static final int MAX_PURPOSES = 50;

    private PurposesByRole() {
    }

    /** The roles a realm may limit, in the catalogue's order. */
    public static List<RealmRole> roles() {
        return Arrays.stream(RealmRole.values()).filter(RealmRole::declaresPurposes).toList();
    }

    /**
     * Every rule {@code byRole} breaks: the names that are no role to limit first, in the request's order, then each
     * role's list in the catalogue's order.
     *
     * @param byRole        the purposes by role name, as a request carries them; may be null
     * @param realmPurposes the realm's purposes the same settings name, or null when those are missing or unusable
     *                      (their own error then says so; the lists are not held against them)
     */
    public static List<FieldError> errors(Map<String, List<String>> byRole, Collection<String> realmPurposes) {
        List<FieldError> errors = new ArrayList<>();
        if (byRole == null) {
            errors.add(new FieldError(FIELD, "required",
                    "Give the purposes by role: an object from role name to purposes, {} for no limits by role."));
            return errors;
        }
        for (String name : byRole.keySet()) {
            Optional<RealmRole> role = RealmRole.named(name);
            if (role.isEmpty()) {
                errors.add(new FieldError(FIELD, "role", "Names a role the product does not know; roles that may be "
                        + "limited: " + roleNames() + "."));
            } else if (!role.get().declaresPurposes()) {
                errors.add(new FieldError(FIELD + "." + name, "role", "Students use self service and declare no "
                        + "purpose; roles that may be limited: " + roleNames() + "."));
            }
        }
        for (RealmRole role : roles()) {
            if (byRole.containsKey(role.roleName())) {
                listErrors(errors, FIELD + "." + role.roleName(), byRole.get(role.roleName()), realmPurposes);
            }
        }
        return errors;
    }

    private static void listErrors(List<FieldError> errors, String field, List<String> purposes,
            Collection<String> realmPurposes) {
        if (purposes == null || purposes.isEmpty()) {
            errors.add(new FieldError(field, "required",
                    "Name at least one purpose, or leave the role out to limit it by its clients' purposes only."));
            return;
        }
        if (purposes.size() > MAX_PURPOSES) {
            errors.add(new FieldError(field, "size", "At most " + MAX_PURPOSES + " purposes."));
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < purposes.size(); i++) {
            String purpose = purposes.get(i);
            String item = field + "[" + i + "]";
            if (purpose == null || purpose.isBlank()) {
                errors.add(new FieldError(item, "required", "A purpose, not blank."));
            } else if (!seen.add(purpose)) {
                errors.add(new FieldError(item, "unique", "Named twice."));
            } else if (realmPurposes != null && !realmPurposes.contains(purpose)) {
                errors.add(new FieldError(item, "realm-purpose", "Not one of the realm's purposes: add it to the "
                        + "purposes, or take it out of this role's list."));
            }
        }
    }

    private static String roleNames() {
        return String.join(", ", roles().stream().map(RealmRole::roleName).toList());
    }
}
