import { createContext, useContext } from "react";

/** The realm role of the information management centre: every page of the centre. */
export const ADMIN = "records-admin";
/** The realm role of supervision: reports, incidents and the self-check, never records or the centre's forms. */
export const SUPERVISOR = "records-supervisor";
/** The roles the centre is for; someone with neither gets a page saying whom to ask. */
export const CENTRE_ROLES = [ADMIN, SUPERVISOR] as const;
export type CentreRole = (typeof CENTRE_ROLES)[number];

/** The centre's roles among the realm roles of a parsed access token ({@code realm_access.roles}). */
export function centreRolesOf(token: unknown): CentreRole[] {
  const roles = (token as { realm_access?: { roles?: unknown } } | undefined)?.realm_access?.roles;
  return Array.isArray(roles) ? CENTRE_ROLES.filter((r) => roles.includes(r)) : [];
}

/** The pages one of {@code roles} may use, in their order. */
export function pagesFor<P extends { roles: readonly string[] }>(pages: readonly P[], roles: readonly string[]): P[] {
  return pages.filter((p) => p.roles.some((r) => roles.includes(r)));
}

/** The centre's roles of the signed-in user, for pages that show a form only to those who may use it. */
export const RolesContext = createContext<readonly CentreRole[]>([]);

export function useRoles(): readonly CentreRole[] {
  return useContext(RolesContext);
}
