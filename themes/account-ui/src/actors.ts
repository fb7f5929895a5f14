import { type Voice, voiced } from "./components/voice";

/**
 * Who acted in an access-log entry, as GET /me/access-log and GET /guardian/children/{recordId}/access-log describe
 * it: the reader, the student (in a guardian's view of a child's log), a linked guardian, a person of the school by
 * role and by how their unit stands to the student's (never a name), or an application acting for itself; and the
 * application by its display name.
 */
export type Actor = {
  kind: ActorKind;
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
 * Who acted, in one line of the reader's language and voice: "You", "Your guardian (Mother, grace)" (to a guardian:
 * "Your child", "Another guardian (Mother, grace)"), "A staff member of your class" (of your child's class), "A staff
 * member of /science, which includes your class", "An administrator of the information management centre", "Someone
 * without a role in the school's records" (another student, say), "The application Library"; for an entry without an actor (a log that does not describe them) a person or an application
 * "through" the client.
 */
export function actorText(entry: ActedBy, t: Translate, voice: Voice = "student"): string {
  const client = clientName(entry, t);
  const actor = entry.actor;
  if (!actor) {
    return entry.subject ? t("studentAccessLogPerson", { client }) : t("studentAccessLogApplication", { client });
  }
  switch (actor.kind) {
    case "YOU":
      return t("studentAccessLogYou");
    case "STUDENT":
      return t("guardianAccessLogChild");
    case "GUARDIAN":
      return t(voiced("accessLogGuardian", voice), {
        relationship: actor.relationship ? t(`studentRecordRelationship.${actor.relationship}`, { defaultValue: actor.relationship }) : "",
        username: actor.username ?? "",
      });
    case "APPLICATION":
      return t("studentAccessLogApplication", { client });
    case "PERSON":
      return t("studentAccessLogOtherPerson");
    default:
      return staffText(actor, t, voice);
  }
}

/** A person of the school by product role, and for staff by how their unit stands to the student's. */
function staffText(actor: Actor, t: Translate, voice: Voice): string {
  switch (actor.role) {
    case "records-admin":
      return t("studentAccessLogAdmin");
    case "records-supervisor":
      return t("studentAccessLogSupervisor");
    case "records-staff":
      if (actor.unit === "OWN") return t(voiced("accessLogStaffOwnUnit", voice));
      if (actor.unit === "ABOVE") return t(voiced("accessLogStaffAboveUnit", voice), { unit: actor.unitPath ?? "" });
      return t("studentAccessLogStaff");
    default:
      return t("studentAccessLogSchoolPerson");
  }
}

/** Every kind of actor an access log names. */
export type ActorKind = "YOU" | "STUDENT" | "GUARDIAN" | "STAFF" | "PERSON" | "APPLICATION";

/**
 * The kinds of actor the log can be filtered by ({@code who}), in the reader's voice: the student's own log has no
 * {@code STUDENT} (the student is {@code YOU}), a guardian's view of a child's log has every kind.
 */
export function actorKinds(voice: Voice): readonly ActorKind[] {
  return voice === "guardian"
    ? ["YOU", "STUDENT", "GUARDIAN", "STAFF", "PERSON", "APPLICATION"]
    : ["YOU", "GUARDIAN", "STAFF", "PERSON", "APPLICATION"];
}

/** The name of a kind of actor in the who filter, in the reader's voice. */
export function actorKindText(kind: ActorKind, t: Translate, voice: Voice): string {
  switch (kind) {
    case "YOU":
      return t("studentAccessLogWhoKind.YOU");
    case "STUDENT":
      return t("guardianAccessLogWhoKind.STUDENT");
    case "GUARDIAN":
      return t(voiced("accessLogWhoGuardians", voice));
    case "STAFF":
      return t("studentAccessLogWhoKind.STAFF");
    case "PERSON":
      return t("studentAccessLogWhoKind.PERSON");
    default:
      return t("studentAccessLogWhoKind.APPLICATION");
  }
}
