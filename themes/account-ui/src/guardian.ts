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

/** The invitation a guardian's mail links to: `…/account/#/my-children?invitation=<token>` (or in the query). */
export function invitationToken(hash: string, search: string): string | undefined {
  const found = /[?&#]invitation=([A-Za-z0-9_-]{20,200})(?:&|$)/.exec(`${search}&${hash}`.replace(/^&/, "?"));
  return found?.[1];
}

const PENDING = "student-records.invitation";

/**
 * Takes the invitation token out of the address the console was opened with, before signing in (so that it is not
 * kept in the history nor carried through the sign-in redirect), moves to "My children", and keeps the one-time token
 * in this tab's session storage until that page hands it to the API once.
 */
export function takeInvitationFromAddress(basePath: string): void {
  const token = invitationToken(window.location.hash, window.location.search);
  if (token) {
    window.sessionStorage.setItem(PENDING, token);
    window.history.replaceState(null, "", `${basePath}guardian/children`);
  }
}

/** The invitation the console was opened with, once (it is forgotten as it is read). */
export function consumeInvitation(): string | undefined {
  const token = window.sessionStorage.getItem(PENDING) ?? undefined;
  window.sessionStorage.removeItem(PENDING);
  return token;
}
