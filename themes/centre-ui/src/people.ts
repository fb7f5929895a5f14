import { answered } from "@student-records/shared";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useApi } from "./api";
import { idsToAsk, type Person, personLabel } from "./personNames";

export { type Person, personLabel } from "./personNames";

/** How many ids one GET /people takes. */
const PER_CALL = 100;

/**
 * Names the people of {@code ids} (requesters, approvers, actors): asks GET /people once for each new set of ids (100
 * a call; each call is one audit entry) and answers a function from an id to "First Last (username)". An id the realm
 * does not know (a person deleted since, an application), or every id while the answer is awaited or when the lookup
 * is refused (a role without it), is shown as it is, so nothing is hidden.
 */
export function usePeople(ids: readonly (string | null | undefined)[]): (id: string | null | undefined) => string {
  const api = useApi();
  const wanted = idsToAsk(ids);
  const key = wanted.join(" ");
  const [known, setKnown] = useState<ReadonlyMap<string, Person>>(new Map());
  useEffect(() => {
    const asked = key === "" ? [] : key.split(" ");
    if (asked.length === 0) {
      return;
    }
    const controller = new AbortController();
    void (async () => {
      const found = new Map<string, Person>();
      for (let i = 0; i < asked.length; i += PER_CALL) {
        const query = asked.slice(i, i + PER_CALL).map((id) => `id=${encodeURIComponent(id)}`).join("&");
        const reply = await api<{ people: Person[] }>("GET", `/people?${query}`, { signal: controller.signal });
        if (!answered(reply)) {
          break;
        }
        reply.body.people.forEach((p) => found.set(p.id, p));
      }
      if (!controller.signal.aborted) {
        setKnown(found);
      }
    })();
    return () => controller.abort();
  }, [api, key]);
  return useCallback(
    (id: string | null | undefined) => {
      if (!id) {
        return "—";
      }
      const person = known.get(id);
      return person ? personLabel(person) : id;
    },
    [known],
  );
}

/**
 * The administrators and supervisors a misuse report may be assigned to (GET /people/assignees), by username, and a
 * function naming a username ("Ada Tester (ada)", or the username as it is when not among them).
 */
export function useAssignees(): { assignees: Person[] | undefined; nameOfUsername: (username: string | null | undefined) => string } {
  const api = useApi();
  const [assignees, setAssignees] = useState<Person[]>();
  useEffect(() => {
    const controller = new AbortController();
    void api<{ people: Person[] }>("GET", "/people/assignees", { signal: controller.signal }).then((reply) => {
      if (answered(reply)) {
        setAssignees(reply.body.people);
      } else if (!controller.signal.aborted) {
        setAssignees([]);
      }
    });
    return () => controller.abort();
  }, [api]);
  const byUsername = useMemo(() => new Map((assignees ?? []).map((p) => [p.username, p])), [assignees]);
  const nameOfUsername = useCallback(
    (username: string | null | undefined) => {
      if (!username) {
        return "—";
      }
      const person = byUsername.get(username);
      return person ? personLabel(person) : username;
    },
    [byUsername],
  );
  return { assignees, nameOfUsername };
}
