/** The realm roles and the scope that make a signed-in person a student or a guardian. */
export const STUDENT_ROLE = "student";
export const GUARDIAN_ROLE = "guardian";

/** What of an access token says who the person is: its realm roles and its scopes. */
export type TokenClaims = { realm_access?: { roles?: unknown }; scope?: unknown };

/**
 * The console's own features for the menu of content.json ("isVisible"): the student pages for holders of the role
 * student, "My children" for holders of the role guardian. Keycloak's menu shows an entry whose isVisible names a
 * feature only when that feature is true, so a person who is neither sees neither. The server decides every call
 * anyway: a page opened by its address without the role gets the API's refusal.
 */
export function peopleFeatures(claims: TokenClaims | undefined): { isStudent: boolean; isGuardian: boolean } {
  const roles = Array.isArray(claims?.realm_access?.roles) ? claims.realm_access.roles : [];
  return { isStudent: roles.includes(STUDENT_ROLE), isGuardian: roles.includes(GUARDIAN_ROLE) };
}
