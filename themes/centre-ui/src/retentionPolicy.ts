import type { FieldError, Reply } from "@student-records/shared";

/** A realm's retention policy, as GET and PUT /retention/policy carry it (auditRetentionDays: the audit trail's). */
export type Policy = {
  archiveOn: string[];
  destroyAfterDays: number;
  archiveRetentionDays: number;
  auditRetentionDays: number;
};

/**
 * A change of the policy as PUT /retention/policy (202), GET /retention/policy/pending and the approval and the
 * cancellation answer it: where it stands (AWAITING_APPROVAL, APPROVED, CANCELLED), the policy in force, the one
 * asked for, who asked (a Keycloak user id) and when.
 */
export type PolicyChange = {
  status: string;
  current: Policy;
  proposed: Policy;
  proposedBy: string;
  proposedAt: string;
  decidedBy?: string | null;
};

/** The leaving statuses a policy may archive (and so, in time, destroy), in the order the screens show them. */
export const LEAVING = ["GRADUATED", "WITHDRAWN", "TRANSFERRED"] as const;

/** The rules of a policy, in the order the form and a pending change show them; also the 422's field names. */
export const RULES = ["archiveOn", "destroyAfterDays", "archiveRetentionDays", "auditRetentionDays"] as const;
export type Rule = (typeof RULES)[number];
export type DayRule = Exclude<Rule, "archiveOn">;
export const DAY_RULES: readonly DayRule[] = ["destroyAfterDays", "archiveRetentionDays", "auditRetentionDays"];

/**
 * Which rules of {@code proposed} keep records for less time than {@code current}, as the server decides it: a
 * period shortened, or a leaving status added to those archived (and so destroyed).
 */
export function shortenedRules(current: Policy, proposed: Policy): Set<Rule> {
  const shorter = new Set<Rule>();
  if (proposed.archiveOn.some((s) => !current.archiveOn.includes(s))) shorter.add("archiveOn");
  for (const rule of DAY_RULES) {
    if (proposed[rule] < current[rule]) shorter.add(rule);
  }
  return shorter;
}

/**
 * What came of PUT /retention/policy: applied at once (200), waiting for a second administrator (202,
 * AWAITING_APPROVAL), or not saved.
 */
export function savedAs(reply: Reply<unknown>): "applied" | "awaiting-approval" | "failed" {
  if (!reply.ok) {
    return "failed";
  }
  const status = (reply.body as { status?: unknown } | undefined)?.status;
  return reply.status === 202 || status === "AWAITING_APPROVAL" ? "awaiting-approval" : "applied";
}

/** The rules whose typed days are not a whole number of days: marked at their field and not sent. */
export function untypedDays(days: Record<DayRule, string>): DayRule[] {
  return DAY_RULES.filter((rule) => !/^\d{1,9}$/.test(days[rule].trim()));
}

/** The field errors of a refused policy that name one of its rules (those the form marks at their field). */
export function ruleErrors(reply: Reply<unknown>): FieldError[] {
  return (reply.problem?.errors ?? []).filter((e) => (RULES as readonly string[]).includes(e.field));
}

/** The days a rule's field error says it must lie between ("must be from 365 to 36500"), if it names them. */
export function rangeOf(error: FieldError): { min: number; max: number } | undefined {
  const match = /(\d+)\D+?(\d+)\s*$/.exec(error.message);
  return error.field !== "archiveOn" && match ? { min: Number(match[1]), max: Number(match[2]) } : undefined;
}

/** Whether the signed-in user ({@code sub} of the token) asked for the change: then another administrator approves it. */
export function isProposer(change: PolicyChange, sub: string | undefined): boolean {
  return sub !== undefined && sub !== "" && change.proposedBy === sub;
}

/** The entity tag of a waiting change, as the server gives it: when it was proposed, in milliseconds. */
export function changeTag(change: { proposedAt: string }): string {
  return `"${Date.parse(change.proposedAt)}"`;
}

/** What a retention run did (or, dry, would do): the counts its report names. */
export type RunCounts = { dryRun: boolean; archived: string[]; destroyed: unknown[]; held: string[]; waiting: number };

/** The numbers a run's outcome line names: records archived, destroyed, kept by a legal hold, still waiting. */
export function runCounts(run: RunCounts): { archived: number; destroyed: number; held: number; waiting: number } {
  return { archived: run.archived.length, destroyed: run.destroyed.length, held: run.held.length, waiting: run.waiting };
}
