package edu.studentrecords.store.access;

import edu.studentrecords.store.model.FieldGroup;
import java.util.EnumSet;
import java.util.Set;

/** What the token's scopes allow, whatever the principal could otherwise do. */
final class ScopeCap {

    private ScopeCap() {
    }

    /** The groups among {@code groups} whose read scope the token carries. */
    static Set<FieldGroup> readable(AccessContext ctx, Set<FieldGroup> groups) {
        Set<FieldGroup> readable = EnumSet.noneOf(FieldGroup.class);
        for (FieldGroup group : groups) {
            if (ctx.hasScope(group.readScope())) {
                readable.add(group);
            }
        }
        return readable;
    }

    /** Whether the token carries the write scope of every group in {@code groups}. */
    static boolean allWritable(AccessContext ctx, Set<FieldGroup> groups) {
        return groups.stream().allMatch(group -> ctx.hasScope(group.writeScope()));
    }

    /** Whether the token may search: {@code student.search} and the profile's read scope. */
    static boolean maySearch(AccessContext ctx) {
        return ctx.hasScope(StudentScope.SEARCH) && ctx.hasScope(FieldGroup.PROFILE.readScope());
    }
}
