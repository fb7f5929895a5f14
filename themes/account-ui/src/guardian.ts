import type { Loaded } from "@student-records/shared";

/** One child of a guardian, as GET /guardian/children lists them: proxy false, and no name, once the child is 18. */
export type Child = { recordId: string; name?: string | null; age: number; relationship?: string | null; proxy?: unknown };

/** From this age a student decides their own consents; below it their guardian does (PIPL art. 31). */
export const CONSENT_AGE = 14;

/**
 * Whether the guardian still acts for the child, as the list says: only an explicit false or "ENDED" ends it. The
 * server decides every call anyway (403 proxy-ended once the child is 18), and says why where the page asks.
 */
export function actsFor(child: Child): boolean {
  return !(child.proxy === false || (typeof child.proxy === "string" && child.proxy.toUpperCase() === "ENDED"));
}

/** The child with {@code recordId} in a loaded list of children, if the guardian is linked to it. */
export function childOf(children: Loaded<{ children: Child[] }>, recordId: string | undefined): Child | undefined {
  return children.data?.children.find((c) => c.recordId === recordId);
}

/**
 * The API path of a child's record, below which its access log, consents, corrections and reports are; undefined for
 * an id from the address bar that no record has (a record id is letters, digits and dashes): nothing else is asked.
 */
export function childPath(recordId: string | undefined): string | undefined {
  return recordId && /^[A-Za-z0-9-]{1,64}$/.test(recordId) ? `/guardian/children/${recordId}` : undefined;
}
