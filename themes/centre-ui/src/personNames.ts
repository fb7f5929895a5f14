/** Names of people as the centre shows them; no React, no API, so that they are tested on their own. */

/** A person of the realm as GET /people answers: the username and name, nothing else. */
export type Person = { id: string; username: string; firstName: string; lastName: string };

/** "Ada Tester (ada)"; the username alone for an account without a name. */
export function personLabel(person: Pick<Person, "username" | "firstName" | "lastName">): string {
  const name = [person.firstName, person.lastName].filter((part) => part && part.trim() !== "").join(" ");
  return name ? `${name} (${person.username})` : person.username;
}

/** The ids to ask about: each once, none empty, in a fixed order (so that the same ids ask once). */
export function idsToAsk(ids: readonly (string | null | undefined)[]): string[] {
  return [...new Set(ids.filter((id): id is string => typeof id === "string" && id.trim() !== ""))].sort();
}
