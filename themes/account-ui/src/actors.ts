/**
 * Who acted in an access-log entry, as GET /me/access-log describes it: the student, a linked guardian, a person of the
 * school by role and by how their unit stands to the student's (never a name), or an application acting for itself;
 * and the application by its display name.
 */
export type Actor = {
  kind: "YOU" | "GUARDIAN" | "STAFF" | "APPLICATION";
  role?: string;
  unit?: "OWN" | "ABOVE";
  unitPath?: string;
  username?: string;
  relationship?: string;
  clientName?: string;
};

/** The parts of an entry that say who acted: the actor where the server described one, the client and the person. */
export type ActedBy = { actor?: Actor; clientId: string; subject?: string };

type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * The application's name as a person reads it: a display name of the form ${key} is a message of Keycloak's theme
 * (client_account-console is "Account Console"), any other is the name itself; the client id when there is none.
 */
export function clientName(entry: ActedBy, t: Translate): string {
  const name = entry.actor?.clientName ?? entry.clientId;
  const key = /^\$\{(.+)\}$/.exec(name)?.[1];
  return key ? t(key, { defaultValue: entry.clientId }) : name;
}

/**
 * Who acted, in one line of the person's language: "You", "Your guardian (Mother, grace)", "A staff member of your
 * class", "A staff member of /science, which includes your class", "An administrator of the information management
 * centre", "The application Library"; for an entry without an actor (a log that does not describe them) a person or
 * an application "through" the client.
 */
export function actorText(entry: ActedBy, t: Translate): string {
  const client = clientName(entry, t);
  const actor = entry.actor;
  if (!actor) {
    return entry.subject ? t("studentAccessLogPerson", { client }) : t("studentAccessLogApplication", { client });
  }
  switch (actor.kind) {
    case "YOU":
      return t("studentAccessLogYou");
    case "GUARDIAN":
      return t("studentAccessLogGuardian", {
        relationship: actor.relationship ? t(`studentRecordRelationship.${actor.relationship}`, { defaultValue: actor.relationship }) : "",
        username: actor.username ?? "",
      });
    case "APPLICATION":
      return t("studentAccessLogApplication", { client });
    default:
      return staffText(actor, t);
  }
}

/** A person of the school by product role, and for staff by how their unit stands to the student's. */
function staffText(actor: Actor, t: Translate): string {
  switch (actor.role) {
    case "records-admin":
      return t("studentAccessLogAdmin");
    case "records-supervisor":
      return t("studentAccessLogSupervisor");
    case "records-staff":
      if (actor.unit === "OWN") return t("studentAccessLogStaffOwnUnit");
      if (actor.unit === "ABOVE") return t("studentAccessLogStaffAboveUnit", { unit: actor.unitPath ?? "" });
      return t("studentAccessLogStaff");
    default:
      return t("studentAccessLogSchoolPerson");
  }
}

/** The kinds of actor the log can be filtered by, as GET /me/access-log takes them ({@code who}). */
export const ACTOR_KINDS = ["YOU", "GUARDIAN", "STAFF", "APPLICATION"] as const;
