import {
  Button,
  FormSelect,
  FormSelectOption,
  TextInput,
  Toolbar,
  ToolbarContent,
  ToolbarGroup,
  ToolbarItem,
} from "@patternfly/react-core";
import { AngleLeftIcon, AngleRightIcon, SyncAltIcon } from "@patternfly/react-icons";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import operationCodes from "@student-records/shared/codes/operations.en.json";
import {
  type ApiCall,
  answered,
  decisionText,
  operationText,
  problemText,
  reasonText,
  type Reply,
  startOfLocalDay,
  startOfNextLocalDay,
} from "@student-records/shared";
import { useCallback, useEffect, useState } from "react";
import { useApi } from "../api";
import { useT } from "../i18n";
import { usePeople } from "../people";
import { ActorName, toSecond } from "./AuditParts";
import { matches, NO_FILTERS, type TrailEntry, type TrailFilters, trailQuery } from "./AuditModel";

/** Entries of a record read from the server per call, and calls per page turn at most. */
const CHUNK = 500;
const MAX_CHUNKS = 4;

/** Where a page starts: the offset among a record's entries, or the sequence number in the whole trail. */
type Page = { rows: TrailEntry[]; next?: number; scannedTo?: number };

/**
 * One page of entries that pass the filters: of the whole trail, searched by the server from {@code cursor} on (it
 * reads at most 10,000 entries a call and says where the next page starts); of a record, its entries newest first in
 * the window asked of the server, the other filters applied here to at most 2,000 of them a page turn.
 */
async function readPage(api: ApiCall, filters: TrailFilters, cursor: number, size: number): Promise<Page | Reply<unknown>> {
  const from = startOfLocalDay(filters.fromDay);
  const to = startOfNextLocalDay(filters.toDay);
  const record = filters.record.trim();
  if (!record) {
    const reply = await api<{ entries: TrailEntry[]; nextSequence?: number | null; scannedTo?: number | null }>(
      "GET", `/audit?${trailQuery(filters, cursor, size, from, to)}`);
    if (!answered(reply)) {
      return reply;
    }
    const { entries, nextSequence, scannedTo } = reply.body;
    const last = entries[entries.length - 1];
    return { rows: entries, next: nextSequence ?? undefined, scannedTo: scannedTo ?? last?.sequence };
  }
  const rows: TrailEntry[] = [];
  let next = cursor;
  for (let chunk = 0; chunk < MAX_CHUNKS; chunk++) {
    const query = `record=${encodeURIComponent(record)}${from ? `&from=${encodeURIComponent(from)}` : ""}${to ? `&to=${encodeURIComponent(to)}` : ""}&offset=${next}`;
    const reply = await api<{ entries: TrailEntry[] }>("GET", `/audit?${query}&limit=${CHUNK}`);
    if (!answered(reply)) {
      return reply;
    }
    const entries = reply.body.entries;
    for (const entry of entries) {
      next = next + 1;
      if (matches(entry, filters, from, to)) {
        rows.push(entry);
        if (rows.length === size) {
          return { rows, next };
        }
      }
    }
    if (entries.length < CHUNK) {
      return { rows, next: undefined };
    }
  }
  return { rows, next };
}

const PAGE_SIZES = [10, 20, 50];

/**
 * The audit trail with a toolbar: a record's entries (newest first) or the whole trail from an entry on (oldest first),
 * narrowed by client, operation, decision and days; refreshed and paged through. Never record contents.
 */
export const AuditTrail = ({ initial = NO_FILTERS }: { initial?: TrailFilters }) => {
  const { t, language } = useT();
  const api = useApi();
  const [typed, setTyped] = useState<TrailFilters>(initial);
  const [filters, setFilters] = useState<TrailFilters>(initial);
  const [size, setSize] = useState(20);
  const [starts, setStarts] = useState<number[]>([]);
  const [page, setPage] = useState<Page>();
  const nameOf = usePeople(page ? page.rows.flatMap((e) => [e.subject, e.impersonator]) : []);
  const [failure, setFailure] = useState<string>();
  const [round, setRound] = useState(0);
  // The page shown answers the request named by this key; while another is under way, the page is busy.
  const [answeredKey, setAnsweredKey] = useState<string>();

  const first = useCallback((f: TrailFilters) => (f.record.trim() ? 0 : Math.max(1, Number.parseInt(f.startAt, 10) || 1)), []);
  const cursor = starts.length > 0 ? starts[starts.length - 1] : first(filters);

  const key = JSON.stringify([filters, cursor, size, round]);
  const busy = answeredKey !== key;

  useEffect(() => {
    let current = true;
    void readPage(api, filters, cursor, size).then((result) => {
      if (!current) {
        return;
      }
      setAnsweredKey(key);
      if ("rows" in result) {
        setPage(result);
        setFailure(undefined);
      } else {
        setFailure(problemText(result, language, true));
      }
    });
    return () => {
      current = false;
    };
  }, [api, filters, cursor, size, key, language]);

  const apply = () => {
    setStarts([]);
    setFilters(typed);
  };
  const set = (name: keyof TrailFilters) => (_: unknown, value: string) => setTyped({ ...typed, [name]: value });
  const operations = Object.keys(operationCodes).sort((a, b) => operationText(a, language).localeCompare(operationText(b, language), language));

  return (
    <>
      <form onSubmit={(e) => { e.preventDefault(); apply(); }} aria-label={t("auditTrailFilters")}>
        <Toolbar className="audit-toolbar" data-testid="trail-toolbar">
          <ToolbarContent>
            <ToolbarGroup variant="filter-group">
              <ToolbarItem>
                <TextInput id="trail-record" aria-label={t("auditRecord")} placeholder={t("auditRecord")}
                  value={typed.record} onChange={set("record")} />
              </ToolbarItem>
              <ToolbarItem>
                <TextInput id="trail-client" aria-label={t("auditClient")} placeholder={t("auditClient")}
                  value={typed.client} onChange={set("client")} />
              </ToolbarItem>
              <ToolbarItem>
                <FormSelect id="trail-operation" aria-label={t("entryOperation")} value={typed.operation} onChange={set("operation")}>
                  <FormSelectOption value="" label={t("auditAnyOperation")} />
                  {operations.map((code) => (
                    <FormSelectOption key={code} value={code} label={operationText(code, language)} />
                  ))}
                </FormSelect>
              </ToolbarItem>
              <ToolbarItem>
                <FormSelect id="trail-decision" aria-label={t("auditDecision")} value={typed.decision} onChange={set("decision")}>
                  <FormSelectOption value="" label={t("auditAnyDecision")} />
                  <FormSelectOption value="ALLOW" label={decisionText("ALLOW", language)} />
                  <FormSelectOption value="DENY" label={decisionText("DENY", language)} />
                </FormSelect>
              </ToolbarItem>
              <ToolbarItem>
                <TextInput id="trail-from" type="date" aria-label={t("auditFromDay")} value={typed.fromDay} onChange={set("fromDay")} />
              </ToolbarItem>
              <ToolbarItem>
                <TextInput id="trail-to" type="date" aria-label={t("auditToDay")} value={typed.toDay} onChange={set("toDay")} />
              </ToolbarItem>
              <ToolbarItem>
                <TextInput id="trail-start" type="number" min={1} aria-label={t("auditStartAt")} placeholder={t("auditStartAt")}
                  value={typed.startAt} onChange={set("startAt")} isDisabled={typed.record.trim() !== ""} />
              </ToolbarItem>
            </ToolbarGroup>
            <ToolbarGroup>
              <ToolbarItem>
                <Button type="submit" variant="primary" data-testid="trail-apply">{t("auditApply")}</Button>
              </ToolbarItem>
              <ToolbarItem>
                <Button variant="plain" aria-label={t("refresh")} data-testid="trail-refresh" onClick={() => setRound((r) => r + 1)}>
                  <SyncAltIcon />
                </Button>
              </ToolbarItem>
            </ToolbarGroup>
            <ToolbarItem variant="pagination" align={{ default: "alignRight" }}>
              <FormSelect id="trail-size" aria-label={t("auditPerPage")} value={String(size)}
                onChange={(_, v) => { setStarts([]); setSize(Number(v)); }} className="audit-page-size">
                {PAGE_SIZES.map((s) => <FormSelectOption key={s} value={String(s)} label={t("auditPerPageN", { count: s })} />)}
              </FormSelect>
              <Button variant="plain" aria-label={t("auditPrevious")} data-testid="trail-previous" isDisabled={starts.length === 0 || busy}
                onClick={() => setStarts(starts.slice(0, -1))}>
                <AngleLeftIcon />
              </Button>
              <Button variant="plain" aria-label={t("auditNext")} data-testid="trail-next" isDisabled={page?.next === undefined || busy}
                onClick={() => page?.next !== undefined && setStarts([...starts, page.next])}>
                <AngleRightIcon />
              </Button>
            </ToolbarItem>
          </ToolbarContent>
        </Toolbar>
      </form>
      <p className="pf-v5-u-mb-sm" aria-live="polite" data-testid="trail-state" data-busy={String(busy)}>
        {busy ? t("loading") : page && (filters.record.trim()
          ? t("auditShownOfRecord", { count: page.rows.length })
          : t("auditShownFrom", { count: page.rows.length, from: cursor, to: page.scannedTo ?? cursor }))}
      </p>
      {failure && <p className="pf-v5-u-danger-color-100" data-testid="trail-error">{failure}</p>}
      {page && page.rows.length === 0 && !busy && <p data-testid="trail-empty">{t("auditTrailEmpty")}</p>}
      {page && page.rows.length > 0 && (
        <Table aria-label={t("auditTrail")} variant="compact" data-testid="trail">
          <Thead>
            <Tr>
              <Th>#</Th>
              <Th>{t("entryTime")}</Th>
              <Th>{t("entryWho")}</Th>
              <Th>{t("auditClient")}</Th>
              <Th>{t("grantPurpose")}</Th>
              <Th>{t("entryOperation")}</Th>
              <Th>{t("auditRecord")}</Th>
              <Th>{t("auditDecision")}</Th>
            </Tr>
          </Thead>
          <Tbody>
            {page.rows.map((e) => (
              <Tr key={e.sequence} data-testid={`entry-${e.sequence}`} data-client={e.clientId ?? ""} data-operation={e.operation}
                data-decision={e.decision}>
                <Td dataLabel="#">{e.sequence}</Td>
                <Td dataLabel={t("entryTime")}>{toSecond(e.time, language)}</Td>
                <Td dataLabel={t("entryWho")}>
                  <ActorName id={e.subject} name={e.subject ? nameOf(e.subject) : undefined} />
                  {e.impersonator && <><br /><small>{t("entryImpersonatedBy", { id: "" })}<ActorName id={e.impersonator} name={nameOf(e.impersonator)} /></small></>}
                </Td>
                <Td dataLabel={t("auditClient")}>{e.clientId ?? "—"}</Td>
                <Td dataLabel={t("grantPurpose")}>{e.purpose ?? "—"}</Td>
                <Td dataLabel={t("entryOperation")}>{operationText(e.operation, language)}</Td>
                <Td dataLabel={t("auditRecord")} className="audit-id">{e.recordId ?? "—"}</Td>
                <Td dataLabel={t("auditDecision")}>
                  {decisionText(e.decision, language)}
                  {e.reason && <><br /><small>{reasonText(e.reason, language)}</small></>}
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
    </>
  );
};
