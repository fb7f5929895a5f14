package edu.studentrecords.store.access;

import edu.studentrecords.store.access.AccessDecision.Denied;
import edu.studentrecords.store.access.AccessDecision.Visibility;
import edu.studentrecords.store.model.FieldGroup;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The one access decision: who may do what to which field groups of which student record. Every
 * read, update, enrolment, search, export and purge asks here first; anything not allowed below is
 * denied.
 *
 * <p>The rules, in the order they apply:
 * <ol>
 *   <li>Self service ({@code /me}): {@link SelfServiceAccess}. A student, scope {@code student.self},
 *       an internal client, their own record; read and export everything, update contact and guardians.
 *       No purpose is needed.</li>
 *   <li>Otherwise a declared purpose known to the realm, and for an internal client one of the
 *       client's purposes: {@link PurposeCheck}. Checked before anything about the record.</li>
 *   <li>Internal client: {@link InternalAccess}. An administrator sees every record, staff the
 *       records of their units, the client acting for itself those of its client units; supervisors
 *       and everyone else none. Enrolment, export and purge are for administrators.</li>
 *   <li>External client: {@link GrantAccess}. Reading and searching under an active grant of this
 *       client for the declared purpose that covers the record.</li>
 *   <li>The token's scopes cap every group returned or touched: {@link ScopeCap}.</li>
 * </ol>
 *
 * <p>Visibility: a refusal is {@link Visibility#NOT_FOUND} exactly when the operation targets one
 * record and the caller cannot see that record at all (outside its units, not covered by its grants,
 * not its own, or it sees no records). Every other refusal is {@link Visibility#FORBIDDEN}, and is
 * given either alike for every record (purpose, grant, self-service and search checks) or only for a
 * record the caller can see (missing scopes, operations for administrators), so a 403 never reveals a
 * record the caller could not see.
 *
 * <p>Stateless and thread-safe; one instance may serve every request.
 */
public final class AccessPolicy {

    /** Operations whose {@code requested} groups are the groups to return or touch. */
    private static final Set<Operation> NAMING_GROUPS = EnumSet.of(Operation.READ, Operation.UPDATE, Operation.EXPORT);
    /**
     * What a session under impersonation may do: read and search as its user may. It changes, enrols, exports and
     * destroys nothing, and does no duty ({@link #checkDuty}) and nothing in its user's name ({@link #checkActing}).
     */
    private static final Set<Operation> READING = EnumSet.of(Operation.READ, Operation.SEARCH);

    /**
     * Decides one request.
     *
     * @param ctx the caller; not null
     * @param op the operation; not null
     * @param target the record; required for {@link Operation#READ}, {@link Operation#UPDATE},
     *     {@link Operation#EXPORT} and {@link Operation#PURGE}; for {@link Operation#SEARCH} one hit, or
     *     null to ask whether the caller may search at all; ignored for {@link Operation#CREATE}
     * @param requested the groups to read, export or change; not null. Ignored for {@link Operation#CREATE}
     *     and {@link Operation#PURGE} (the whole record) and {@link Operation#SEARCH} (hits carry the
     *     profile only). An empty set is refused with {@link DenialReason#NO_GROUPS_REQUESTED}.
     * @return the decision; an allowed read or export names the requested groups the caller may read,
     *     an allowed update exactly the requested groups (an update is never allowed in part)
     * @throws NullPointerException if {@code ctx}, {@code op} or {@code requested} is null
     * @throws IllegalArgumentException if {@code op} needs a target and none is given
     */
    public AccessDecision decide(AccessContext ctx, Operation op, AccessTarget target, Set<FieldGroup> requested) {
        Objects.requireNonNull(ctx, "ctx");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(requested, "requested");
        if (op.needsRecord() && target == null) {
            throw new IllegalArgumentException(op + " needs a target record");
        }
        AccessTarget touched = op == Operation.CREATE ? null : target;
        Set<FieldGroup> groups = requested.isEmpty() ? EnumSet.noneOf(FieldGroup.class) : EnumSet.copyOf(requested);
        if (NAMING_GROUPS.contains(op) && groups.isEmpty()) {
            return new Denied(DenialReason.NO_GROUPS_REQUESTED, Visibility.FORBIDDEN);
        }
        if (ctx.impersonated() && !READING.contains(op)) {
            // Whatever the record, so that the refusal tells nothing about which records exist.
            return new Denied(DenialReason.IMPERSONATED, Visibility.FORBIDDEN);
        }
        if (ctx.selfService()) {
            return SelfServiceAccess.decide(ctx, op, touched, groups);
        }
        if (ctx.guardianProxy()) {
            return GuardianAccess.decide(ctx, op, touched, groups);
        }
        Optional<Denied> purposeDenied = PurposeCheck.check(ctx);
        if (purposeDenied.isPresent()) {
            return purposeDenied.get();
        }
        return ctx.clientTrust() == ClientTrust.INTERNAL
                ? InternalAccess.decide(ctx, op, touched, groups)
                : GrantAccess.decide(ctx, op, touched, groups);
    }

    /**
     * Decides a change to a record on the record before and after it: first as an update of the touched groups of the
     * record as it is ({@link #decide} with {@link Operation#UPDATE}), then on what the change does. Moving a record
     * needs the right in the old and the new unit; making a student a leaver (status or leaving date) is an
     * administrator's. Self service changes only contact and guardians, so it never moves a record or makes a leaver.
     *
     * @param ctx    the caller; not null
     * @param change the change; not null
     * @return the decision; allowed exactly for the touched groups, never in part
     */
    public AccessDecision decideChange(AccessContext ctx, RecordChange change) {
        Objects.requireNonNull(change, "change");
        AccessDecision before = decide(ctx, Operation.UPDATE, change.before(), change.groups());
        // Self service and guardians change only contact and guardians: never a move, never a leaver.
        if (!(before instanceof AccessDecision.Allowed allowed) || ctx.selfService() || ctx.guardianProxy()) {
            return before;
        }
        return ctx.clientTrust() == ClientTrust.INTERNAL ? InternalAccess.decideChange(ctx, change, allowed) : before;
    }

    /**
     * What a search by this caller may match. A record is a permitted hit exactly when
     * {@code decide(ctx, SEARCH, record, Set.of(PROFILE))} allows it; when the search is refused the
     * reason is the one {@code decide} gives for every record.
     *
     * @param ctx the caller; not null
     * @return the scope to apply to the search query; never null
     */
    public SearchScope searchScope(AccessContext ctx) {
        Objects.requireNonNull(ctx, "ctx");
        if (ctx.selfService()) {
            // Self service never searches; the decision carries the reason its checks give first.
            Denied denied = (Denied) SelfServiceAccess.decide(ctx, Operation.SEARCH, null, Set.of(FieldGroup.PROFILE));
            return new SearchScope.Refused(denied.reason());
        }
        if (ctx.guardianProxy()) {
            return new SearchScope.Refused(DenialReason.OPERATION_NOT_SELF_SERVICE);
        }
        Optional<Denied> purposeDenied = PurposeCheck.check(ctx);
        if (purposeDenied.isPresent()) {
            return new SearchScope.Refused(purposeDenied.get().reason());
        }
        return ctx.clientTrust() == ClientTrust.INTERNAL
                ? InternalAccess.searchScope(ctx)
                : GrantAccess.searchScope(ctx);
    }

    /**
     * Whether a principal behind an internal client reaches a record, by the rules {@link #decide} applies to it: an
     * administrator reaches every record, staff and a client acting for itself the records of their units and
     * everything below them.
     *
     * @param candidate the principal; not null
     * @param target    the record; not null
     * @return the candidate with only the units through which it reaches the record ({@link UnitPath#ALL} for an
     *     administrator), or empty when it does not reach it
     */
    public Optional<Reacher> reach(Reacher candidate, AccessTarget target) {
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(target, "target");
        return switch (candidate.basis()) {
            case ADMIN -> Optional.of(new Reacher(candidate.name(), candidate.basis(), Set.of(UnitPath.ALL)));
            case STAFF, CLIENT -> {
                Set<UnitPath> through = InternalReach.unitsReaching(candidate.units(), target);
                yield through.isEmpty() ? Optional.empty()
                        : Optional.of(new Reacher(candidate.name(), candidate.basis(), through));
            }
            case SELF, GRANT, GUARDIAN -> Optional.empty();
        };
    }

    /**
     * Decides whether the caller may act in their own name beyond reading: confirm their record, ask for a
     * correction, report misuse. Never in a session under impersonation: an administrator does not speak for the
     * person they impersonate.
     *
     * @return empty when allowed; otherwise the refusal (always {@link Visibility#FORBIDDEN})
     */
    public Optional<Denied> checkActing(AccessContext ctx) {
        Objects.requireNonNull(ctx, "ctx");
        return ctx.impersonated() ? Optional.of(new Denied(DenialReason.IMPERSONATED, Visibility.FORBIDDEN))
                : Optional.empty();
    }

    /**
     * Decides whether the caller may use the guardian endpoints at all (list their children): a person holding the
     * {@code guardian} role, with scope {@code student.guardian}, through an internal client and those endpoints.
     *
     * @return empty when allowed; otherwise the refusal (always {@link Visibility#FORBIDDEN})
     */
    public Optional<Denied> checkGuardian(AccessContext ctx) {
        Objects.requireNonNull(ctx, "ctx");
        if (!ctx.guardianProxy()) {
            return Optional.of(new Denied(DenialReason.NOT_A_GUARDIAN, Visibility.FORBIDDEN));
        }
        return GuardianAccess.checkCaller(ctx);
    }

    /**
     * Decides who gives or withdraws a student's consents: under 14 the linked guardian (through the guardian
     * endpoints) and never the student, from 14 the student (through self service) and never a guardian. The caller
     * has been let through to the record already (as its student, or as a guardian acting for the child).
     *
     * @param ctx the caller; not null
     * @param age the student's age in whole years on the day of the request
     * @return empty when the caller may consent; otherwise the refusal (always {@link Visibility#FORBIDDEN})
     */
    public Optional<Denied> checkConsenting(AccessContext ctx, int age) {
        Objects.requireNonNull(ctx, "ctx");
        if (ctx.impersonated()) {
            return Optional.of(new Denied(DenialReason.IMPERSONATED, Visibility.FORBIDDEN));
        }
        if (ctx.guardianProxy()) {
            return age >= Ward.SELF_CONSENT
                    ? Optional.of(new Denied(DenialReason.STUDENT_CONSENTS_THEMSELVES, Visibility.FORBIDDEN))
                    : Optional.empty();
        }
        if (ctx.selfService()) {
            return age < Ward.SELF_CONSENT
                    ? Optional.of(new Denied(DenialReason.GUARDIAN_CONSENT_REQUIRED, Visibility.FORBIDDEN))
                    : Optional.empty();
        }
        return Optional.of(new Denied(DenialReason.OPERATION_NOT_SELF_SERVICE, Visibility.FORBIDDEN));
    }

    /**
     * Decides whether the caller may receive notices of changes to what it read: an application acting for itself
     * (client credentials), never a person, never through self service, never under impersonation. It learns only of
     * its own notices, so no purpose and no scope is asked.
     *
     * @param ctx the caller; not null
     * @return empty when allowed; otherwise the refusal (always {@link Visibility#FORBIDDEN})
     */
    public Optional<Denied> checkRecipient(AccessContext ctx) {
        Objects.requireNonNull(ctx, "ctx");
        if (ctx.selfService() || ctx.guardianProxy()) {
            return Optional.of(new Denied(DenialReason.OPERATION_NOT_SELF_SERVICE, Visibility.FORBIDDEN));
        }
        if (ctx.impersonated()) {
            return Optional.of(new Denied(DenialReason.IMPERSONATED, Visibility.FORBIDDEN));
        }
        if (!ctx.serviceAccount()) {
            return Optional.of(new Denied(DenialReason.OPERATION_REQUIRES_CLIENT, Visibility.FORBIDDEN));
        }
        // The call needs no purpose; one declared is checked as everywhere else, so that no access log shows a
        // purpose the realm or the client does not allow.
        if (ctx.purpose() != null) {
            return PurposeCheck.check(ctx);
        }
        return Optional.empty();
    }

    /**
     * Decides whether the caller may perform one of the centre's duties. A duty is done by a signed-in person
     * (never a client acting for itself, never through self service, never in a session under
     * impersonation) holding one of the duty's roles, through an internal client, with a declared purpose the realm
     * and the client allow, and with the duty's scope.
     *
     * @param ctx  the caller; not null
     * @param duty the duty; not null
     * @return empty when allowed; otherwise the refusal (always {@link Visibility#FORBIDDEN})
     */
    public Optional<Denied> checkDuty(AccessContext ctx, Duty duty) {
        Objects.requireNonNull(ctx, "ctx");
        Objects.requireNonNull(duty, "duty");
        if (ctx.selfService() || ctx.guardianProxy()) {
            return Optional.of(new Denied(DenialReason.OPERATION_NOT_SELF_SERVICE, Visibility.FORBIDDEN));
        }
        if (ctx.impersonated()) {
            return Optional.of(new Denied(DenialReason.IMPERSONATED, Visibility.FORBIDDEN));
        }
        Optional<Denied> purposeDenied = PurposeCheck.check(ctx);
        if (purposeDenied.isPresent()) {
            return purposeDenied;
        }
        boolean person = ctx.subject() != null && !ctx.serviceAccount();
        if (ctx.clientTrust() != ClientTrust.INTERNAL || !person || duty.roles().stream().noneMatch(ctx::hasRole)) {
            return Optional.of(new Denied(DenialReason.OPERATION_REQUIRES_ADMIN, Visibility.FORBIDDEN));
        }
        if (!ctx.hasScope(duty.scope())) {
            return Optional.of(new Denied(DenialReason.SCOPE_MISSING, Visibility.FORBIDDEN));
        }
        return Optional.empty();
    }
}
