import type { FieldError } from "@student-records/shared";

/**
 * The realm roles whose purposes the centre may limit, in the order of the page: every role that works with records.
 * Students are not among them: their calls are self service, without a purpose.
 */
export const ROLES = ["records-admin", "records-staff", "records-supervisor", "records-application"] as const;
export type Role = (typeof ROLES)[number];

/** The purposes by role as GET/PUT /settings carry them: role name to purposes; a role left out is not limited. */
export type PurposesByRole = Record<string, string[]>;

/** One role on the form: whether the realm limits it, and to which purposes. */
export type RoleLimit = { limited: boolean; purposes: string[] };
export type RoleLimits = Record<Role, RoleLimit>;

/** The form's state of the purposes by role the API answered. */
export function limitsOf(byRole: PurposesByRole | undefined): RoleLimits {
  const limits = {} as RoleLimits;
  for (const role of ROLES) {
    const purposes = byRole?.[role];
    limits[role] = { limited: purposes !== undefined, purposes: purposes ? [...purposes] : [] };
  }
  return limits;
}

/**
 * The purposes by role to send: each limited role with its list, in the page's order. A role this page does not show
 * (one a newer server knows) keeps what the server answered, so that saving here never lifts a limit by leaving it out.
 */
export function bodyOf(limits: RoleLimits, answered: PurposesByRole | undefined): PurposesByRole {
  const body: PurposesByRole = {};
  for (const role of ROLES) {
    if (limits[role].limited) {
      body[role] = limits[role].purposes;
    }
  }
  for (const [role, purposes] of Object.entries(answered ?? {})) {
    if (!(ROLES as readonly string[]).includes(role)) {
      body[role] = purposes;
    }
  }
  return body;
}

/** The role list with {@code purpose} added at the end, or taken out when it is there. */
export function toggled(purposes: string[], purpose: string): string[] {
  return purposes.includes(purpose) ? purposes.filter((p) => p !== purpose) : [...purposes, purpose];
}

/** The purposes a limited role names that the realm's purposes (as typed) do not: saving them would be refused. */
export function strayPurposes(limit: RoleLimit, realmPurposes: string[]): string[] {
  return limit.limited ? limit.purposes.filter((p) => !realmPurposes.includes(p)) : [];
}

const ROLE_FIELD = /^purposesByRole\.([^.[\]]+)(?:\[(\d+)\])?$/;

/** The field errors of a 422 that concern {@code role}'s list or one of its purposes. */
export function roleErrors(errors: FieldError[], role: Role): FieldError[] {
  return errors.filter((e) => ROLE_FIELD.exec(e.field)?.[1] === role);
}

/**
 * The index of the purpose a field error names ({@code purposesByRole.records-staff[1]} or {@code purposes[1]}: 1), if
 * it names one.
 */
export function purposeIndexOf(error: FieldError): number | undefined {
  const index = /\[(\d+)\]$/.exec(error.field)?.[1];
  return index === undefined ? undefined : Number(index);
}

/** The field errors of a 422 that no role's list shows: about the object as a whole, or a role the page does not show. */
export function unplacedRoleErrors(errors: FieldError[]): FieldError[] {
  return errors.filter((e) => {
    if (e.field === "purposesByRole") {
      return true;
    }
    const role = ROLE_FIELD.exec(e.field)?.[1];
    return role !== undefined && !(ROLES as readonly string[]).includes(role);
  });
}

/** The field errors of a 422 about the realm's own purposes ({@code purposes} or {@code purposes[i]}). */
export function realmPurposeErrors(errors: FieldError[]): FieldError[] {
  return errors.filter((e) => e.field === "purposes" || /^purposes\[\d+\]$/.test(e.field));
}
