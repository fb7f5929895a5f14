// What the audit screens compute without React (so that it is tested without a browser): the trail's filters and
// what an extract holds.

/** One entry of the trail as GET /audit lists it. */
export type TrailEntry = {
  sequence: number;
  time: string;
  subject?: string | null;
  clientId?: string | null;
  purpose?: string | null;
  grantId?: string | null;
  recordId?: string | null;
  operation: string;
  groups?: string[];
  decision: string;
  reason?: string | null;
  outcome?: string | null;
  impersonator?: string | null;
};

/** What the trail is narrowed to: a record (asked of the server), and client, operation, decision and days. */
export type TrailFilters = {
  record: string;
  client: string;
  operation: string;
  decision: string;
  fromDay: string;
  toDay: string;
  startAt: string;
};

export const NO_FILTERS: TrailFilters = { record: "", client: "", operation: "", decision: "", fromDay: "", toDay: "", startAt: "" };

/** The query of a search of the whole trail: the filters, applied by the server. */
export function trailQuery(filters: TrailFilters, cursor: number, size: number, from?: string, to?: string): string {
  const query = new URLSearchParams({ fromSequence: String(cursor), limit: String(size) });
  if (filters.client.trim()) query.set("client", filters.client.trim());
  if (filters.operation) query.set("operation", filters.operation);
  if (filters.decision) query.set("decision", filters.decision);
  if (from) query.set("from", from);
  if (to) query.set("to", to);
  return query.toString();
}

/** Whether an entry of a record passes the filters (a record's entries are filtered here, not by the server). */
export function matches(entry: TrailEntry, filters: TrailFilters, from?: string, to?: string): boolean {
  const time = Date.parse(entry.time);
  return (
    (!filters.client || entry.clientId === filters.client.trim()) &&
    (!filters.operation || entry.operation === filters.operation) &&
    (!filters.decision || entry.decision === filters.decision) &&
    (!from || time >= Date.parse(from)) &&
    (!to || time < Date.parse(to))
  );
}

/** How many entries the payload of an extract (a compact JWS) holds; undefined when it cannot be read. */
export function entriesOfExtract(jws: string): number | undefined {
  const payload = jws.split(".")[1];
  if (!payload) {
    return undefined;
  }
  try {
    const json = atob(payload.replace(/-/g, "+").replace(/_/g, "/"));
    const bytes = Uint8Array.from(json, (c) => c.charCodeAt(0));
    const parsed = JSON.parse(new TextDecoder().decode(bytes)) as { entries?: unknown[] };
    return Array.isArray(parsed.entries) ? parsed.entries.length : undefined;
  } catch {
    return undefined;
  }
}
