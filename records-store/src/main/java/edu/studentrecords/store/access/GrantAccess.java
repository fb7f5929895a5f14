package edu.studentrecords.store.access;

import edu.studentrecords.store.access.AccessDecision.Allowed;
import edu.studentrecords.store.access.AccessDecision.Basis;
import edu.studentrecords.store.access.AccessDecision.Denied;
import edu.studentrecords.store.access.AccessDecision.Visibility;
import edu.studentrecords.store.model.FieldGroup;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An external client (an outside body), with or without a signed-in person, after the purpose passed
 * the realm check. Nothing opens without an active grant of this client for the declared purpose; a
 * person's roles add nothing. Grants open reading and searching only; a grant relying on consent opens reading only,
 * and only students whose consent for its purpose is given at the moment of the request.
 */
final class GrantAccess {

    /**
     * Which of several covering grants a decision names: the one opening most groups, then the one
     * expiring first, then the smallest id, so the choice never depends on the order grants arrive in.
     */
    private static final Comparator<Grant> NAMED_FIRST = Comparator
            .comparingInt((Grant grant) -> grant.groups().size()).reversed()
            .thenComparing(Grant::expiresAt)
            .thenComparing(Grant::id);

    private GrantAccess() {
    }

    static AccessDecision decide(AccessContext ctx, Operation op, AccessTarget target, Set<FieldGroup> requested) {
        List<Grant> active = activeForPurpose(ctx);
        if (active.isEmpty()) {
            // Refused outright, alike for every record, so nothing about records is revealed.
            return forbidden(DenialReason.NO_ACTIVE_GRANT);
        }
        return switch (op) {
            case READ -> read(ctx, active, target, requested);
            case SEARCH -> searchHit(ctx, active, target);
            case CREATE -> forbidden(DenialReason.OPERATION_NOT_GRANTABLE);
            // A record the grants do not cover stays a 404, as for a read.
            case UPDATE, EXPORT, PURGE -> covering(active, target).isEmpty()
                    ? notCovered()
                    : forbidden(DenialReason.OPERATION_NOT_GRANTABLE);
        };
    }

    /** The search scope matching {@link #decide} for {@link Operation#SEARCH}. */
    static SearchScope searchScope(AccessContext ctx) {
        List<Grant> active = activeForPurpose(ctx);
        if (active.isEmpty()) {
            return new SearchScope.Refused(DenialReason.NO_ACTIVE_GRANT);
        }
        if (!ScopeCap.maySearch(ctx)) {
            return new SearchScope.Refused(DenialReason.SCOPE_MISSING);
        }
        List<Grant> searchable = openingProfile(active);
        if (searchable.isEmpty()) {
            return new SearchScope.Refused(DenialReason.GROUP_NOT_GRANTED);
        }
        Set<UnitPath> units = new HashSet<>();
        Set<String> recordIds = new HashSet<>();
        for (Grant grant : searchable) {
            units.addAll(grant.units());
            recordIds.addAll(grant.recordIds());
        }
        return new SearchScope.Matching(Basis.GRANT, Set.of(FieldGroup.PROFILE), false, units, recordIds);
    }

    private static AccessDecision read(
            AccessContext ctx, List<Grant> active, AccessTarget target, Set<FieldGroup> requested) {
        // A grant relying on consent covers the student only while the consent is given, looked up now.
        List<Grant> covering = covering(active, target).stream()
                .filter(grant -> !grant.consentBound() || ctx.consents().given(target.recordId(), grant.consentPurpose()))
                .toList();
        if (covering.isEmpty()) {
            return notCovered();
        }
        Set<FieldGroup> granted = EnumSet.noneOf(FieldGroup.class);
        covering.forEach(grant -> granted.addAll(grant.groups()));
        granted.retainAll(requested);
        if (granted.isEmpty()) {
            return forbidden(DenialReason.GROUP_NOT_GRANTED);
        }
        Set<FieldGroup> readable = ScopeCap.readable(ctx, granted);
        if (readable.isEmpty()) {
            return forbidden(DenialReason.SCOPE_MISSING);
        }
        return allowed(readable, covering);
    }

    /** A search as a whole ({@code target} null) or one hit of it; hits carry the profile only. */
    private static AccessDecision searchHit(AccessContext ctx, List<Grant> active, AccessTarget target) {
        if (!ScopeCap.maySearch(ctx)) {
            return forbidden(DenialReason.SCOPE_MISSING);
        }
        List<Grant> searchable = openingProfile(active);
        if (searchable.isEmpty()) {
            return forbidden(DenialReason.GROUP_NOT_GRANTED);
        }
        List<Grant> relied = target == null ? searchable : covering(searchable, target);
        if (relied.isEmpty()) {
            return notCovered();
        }
        return allowed(Set.of(FieldGroup.PROFILE), relied);
    }

    private static List<Grant> activeForPurpose(AccessContext ctx) {
        return ctx.grants().stream()
                .filter(grant -> grant.clientId().equals(ctx.clientId()))
                .filter(grant -> grant.purpose().equals(ctx.purpose()))
                .filter(grant -> grant.isActiveAt(ctx.now()))
                .toList();
    }

    private static List<Grant> covering(List<Grant> grants, AccessTarget target) {
        return grants.stream().filter(grant -> grant.covers(target)).toList();
    }

    /**
     * The grants a search may rely on: those opening the profile, on the agreement alone (a grant relying on consent
     * opens reads of consenting students, never a search over them).
     */
    private static List<Grant> openingProfile(List<Grant> grants) {
        return grants.stream().filter(grant -> grant.groups().contains(FieldGroup.PROFILE))
                .filter(grant -> !grant.consentBound()).toList();
    }

    private static Allowed allowed(Set<FieldGroup> groups, List<Grant> relied) {
        Grant named = relied.stream().min(NAMED_FIRST).orElseThrow();
        return new Allowed(groups, Basis.GRANT, named.id());
    }

    private static Denied notCovered() {
        return new Denied(DenialReason.GRANT_DOES_NOT_COVER, Visibility.NOT_FOUND);
    }

    private static Denied forbidden(DenialReason reason) {
        return new Denied(reason, Visibility.FORBIDDEN);
    }
}
