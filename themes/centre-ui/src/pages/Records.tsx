import {
  Alert,
  Button,
  EmptyState,
  EmptyStateBody,
  EmptyStateHeader,
  EmptyStateIcon,
  FormSelect,
  FormSelectOption,
  Pagination,
  PaginationVariant,
  SearchInput,
  Spinner,
  Toolbar,
  ToolbarContent,
  ToolbarGroup,
  ToolbarItem,
} from "@patternfly/react-core";
import { SearchIcon, SyncAltIcon } from "@patternfly/react-icons";
import { ActionsColumn, Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { type Reply } from "@student-records/shared";
import { useCallback, useEffect, useRef, useState } from "react";
import { useSearchParams } from "react-router-dom";
import { useApi } from "../api";
import { CentrePage, useProblemText } from "../components";
import { type Key, useT } from "../i18n";
import { EnrolForm } from "./records/EnrolForm";
import { STATUSES } from "./records/fields";
import { ImportRecords } from "./records/ImportRecords";
import type { Profile } from "./records/recordsApi";
import { RecordView } from "./records/RecordView";

type Hit = { id: string; profile: Profile };
type SearchResult = { total: number; page: number; size: number; hits: Hit[]; facets: { unit: Record<string, number>; status: Record<string, number> } };
type Query = { q: string; unit: string; status: string; page: number; size: number };

/** The first 1,000 hits are all a search reaches. */
const WINDOW = 1000;

/**
 * The Records page: a search of students by name or student number with unit and status filters and paging, and,
 * by the address (?record=, ?enrol, ?import), a record opened for a purpose with its history, the enrolment form
 * or the bulk import. The search stays as it was when the administrator comes back to it.
 */
export const Records = () => {
  const { t } = useT();
  const [params, setParams] = useSearchParams();
  const recordId = params.get("record");
  const show = (next: Record<string, string> | undefined) => setParams(next ?? {});
  const [opened, setOpened] = useState<Profile>();
  return (
    <CentrePage title={t("recTitle")} intro={t("recIntro")}>
      {recordId ? (
        <RecordView recordId={recordId} known={opened} askPurge={params.has("purge")} onBack={() => show(undefined)} />
      ) : params.has("enrol") ? (
        <EnrolForm onBack={() => show(undefined)} onEnrolled={(id, profile) => { setOpened(profile); show({ record: id }); }} />
      ) : params.has("import") ? (
        <ImportRecords onBack={() => show(undefined)} onOpen={(id) => { setOpened(undefined); show({ record: id }); }} />
      ) : null}
      <div hidden={recordId !== null || params.has("enrol") || params.has("import")}>
        <RecordSearch onOpen={(hit, purge) => { setOpened(hit.profile); show(purge ? { record: hit.id, purge: "" } : { record: hit.id }); }}
          onEnrol={() => show({ enrol: "" })} onImport={() => show({ import: "" })} />
      </div>
    </CentrePage>
  );
};

const RecordSearch = ({ onOpen, onEnrol, onImport }: { onOpen: (hit: Hit, purge: boolean) => void; onEnrol: () => void; onImport: () => void }) => {
  const { t } = useT();
  const problemText = useProblemText();
  const api = useApi();
  const [typed, setTyped] = useState("");
  const [query, setQuery] = useState<Query>();
  const [unit, setUnit] = useState("");
  const [status, setStatus] = useState("");
  const [size, setSize] = useState(20);
  const [result, setResult] = useState<SearchResult>();
  const [failure, setFailure] = useState<Reply<unknown>>();
  const [busy, setBusy] = useState(false);
  const [units, setUnits] = useState<string[]>([]);
  const [round, setRound] = useState(0);
  const retry = useRef<number>();

  /** Asks again: the same search, or a new one. */
  const again = useCallback(() => {
    setBusy(true);
    setRound((r) => r + 1);
  }, []);
  const run = useCallback((q: Query) => {
    setQuery(q);
    again();
  }, [again]);

  useEffect(() => {
    if (!query) {
      return;
    }
    const controller = new AbortController();
    const search = new URLSearchParams({ q: query.q, page: String(query.page), size: String(query.size) });
    if (query.unit) {
      search.set("unit", query.unit);
    }
    if (query.status) {
      search.set("status", query.status);
    }
    void api<SearchResult>("GET", `/search?${search.toString()}`, { signal: controller.signal }).then((reply) => {
      if (controller.signal.aborted) {
        return;
      }
      setBusy(false);
      if (reply.ok && reply.body) {
        setResult(reply.body);
        setFailure(undefined);
        const found = reply.body.facets.unit;
        setUnits((known) => [...new Set([...known, ...Object.keys(found)])].sort());
      } else {
        setFailure(reply);
        if (reply.status === 503 && reply.retryAfter !== undefined) {
          // Search catches up after a start: ask again when the server says.
          retry.current = window.setTimeout(again, Math.max(1, reply.retryAfter) * 1000);
        }
      }
    });
    return () => {
      controller.abort();
      window.clearTimeout(retry.current);
    };
  }, [api, query, round, again]);

  const submit = (page = 0, pageSize = size) => run({ q: typed.trim(), unit, status, page, size: pageSize });
  const total = result ? Math.min(result.total, WINDOW) : 0;
  const pagination = (variant: "top" | "bottom") =>
    result && query ? (
      <Pagination itemCount={total} perPage={query.size} page={query.page + 1} variant={variant === "top" ? PaginationVariant.top : PaginationVariant.bottom}
        isCompact={variant === "top"} perPageOptions={[10, 20, 50, 100].map((n) => ({ title: String(n), value: n }))}
        onSetPage={(_e, page) => submit(page - 1, query.size)}
        onPerPageSelect={(_e, perPage) => { setSize(perPage); submit(0, perPage); }}
        titles={{
          paginationAriaLabel: t("recResults"), ofWord: t("recPageOf"), perPageSuffix: t("recPerPage"),
          currPageAriaLabel: t("recPageCurrent"), toFirstPageAriaLabel: t("recPageFirst"),
          toPreviousPageAriaLabel: t("recPagePrevious"), toNextPageAriaLabel: t("recPageNext"),
          toLastPageAriaLabel: t("recPageLast"), itemsPerPage: t("recPageSize"), items: "", page: "", pages: "",
          // No name of its own: the toggle is named by what it shows ("1 - 20 of 45"), as axe asks.
          optionsToggleAriaLabel: "",
        }} data-testid={`search-pagination-${variant}`} />
    ) : null;

  return (
    <>
      <Toolbar data-testid="records-toolbar">
        <ToolbarContent>
          <ToolbarItem variant="search-filter" widths={{ default: "100%", md: "320px" }}>
            <SearchInput aria-label={t("recSearch")} placeholder={t("recSearch")} value={typed} data-testid="record-search"
              onChange={(_e, v) => setTyped(v)} onSearch={() => submit()} onClear={() => setTyped("")} />
          </ToolbarItem>
          <ToolbarItem>
            <FormSelect id="record-unit" aria-label={t("recUnitFilter")} value={unit} onChange={(_e, v) => setUnit(v)}>
              <FormSelectOption value="" label={t("recAnyUnit")} />
              {units.map((u) => <FormSelectOption key={u} value={u} label={u} />)}
            </FormSelect>
          </ToolbarItem>
          <ToolbarItem>
            <FormSelect id="record-status" aria-label={t("recStatusFilter")} value={status} onChange={(_e, v) => setStatus(v)}>
              <FormSelectOption value="" label={t("recAnyStatus")} />
              {STATUSES.map((s) => <FormSelectOption key={s} value={s} label={t(`recStatus_${s}` as Key)} />)}
            </FormSelect>
          </ToolbarItem>
          <ToolbarItem>
            <Button variant="primary" onClick={() => submit()} data-testid="search-records">{t("recSearchButton")}</Button>
          </ToolbarItem>
          <ToolbarItem>
            <Button variant="plain" aria-label={t("refresh")} isDisabled={!query} onClick={again}
              data-testid="refresh-search">
              <SyncAltIcon />
            </Button>
          </ToolbarItem>
          <ToolbarGroup>
            <ToolbarItem>
              <Button variant="secondary" onClick={onEnrol} data-testid="enrol-student">{t("recEnrolButton")}</Button>
            </ToolbarItem>
            <ToolbarItem>
              <Button variant="secondary" onClick={onImport} data-testid="import-records">{t("recImportButton")}</Button>
            </ToolbarItem>
          </ToolbarGroup>
          <ToolbarItem variant="pagination" align={{ default: "alignRight" }}>{pagination("top")}</ToolbarItem>
        </ToolbarContent>
      </Toolbar>
      {busy && <Spinner size="lg" aria-label={t("loading")} />}
      {failure && (
        <Alert isInline variant={failure.status === 503 ? "info" : "danger"} data-testid="search-error"
          title={failure.status === 503 ? t("recCatchingUp", { seconds: failure.retryAfter ?? 1 }) : problemText(failure)} />
      )}
      {!query && (
        <EmptyState variant="sm">
          <EmptyStateHeader titleText={t("recSearch")} icon={<EmptyStateIcon icon={SearchIcon} />} headingLevel="h2" />
          <EmptyStateBody>{t("recIntro")}</EmptyStateBody>
        </EmptyState>
      )}
      {result && result.hits.length === 0 && <p data-testid="no-hits">{t("recNoHits")}</p>}
      {result && result.hits.length > 0 && (
        <Table aria-label={t("recResults")} variant="compact" data-testid="search-hits">
          <Thead>
            <Tr>
              <Th>{t("recName")}</Th>
              <Th>{t("recNumber")}</Th>
              <Th>{t("recUnit")}</Th>
              <Th>{t("recStatus")}</Th>
              <Th screenReaderText={t("actions")} />
            </Tr>
          </Thead>
          <Tbody>
            {result.hits.map((hit) => (
              <Tr key={hit.id} data-testid={`hit-${hit.profile.studentNumber}`}>
                <Td dataLabel={t("recName")}>
                  <Button variant="link" isInline onClick={() => onOpen(hit, false)} data-testid={`open-${hit.profile.studentNumber}`}>
                    {hit.profile.name}
                  </Button>
                </Td>
                <Td dataLabel={t("recNumber")}>{hit.profile.studentNumber}</Td>
                <Td dataLabel={t("recUnit")}>{hit.profile.unit}</Td>
                <Td dataLabel={t("recStatus")}>{t(`recStatus_${hit.profile.status}` as Key)}</Td>
                <Td isActionCell>
                  <ActionsColumn popperProps={{ position: "right" }}
                    items={[
                      { title: t("recOpen"), onClick: () => onOpen(hit, false) },
                      { title: t("recDestroy"), onClick: () => onOpen(hit, true) },
                    ]} />
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      {pagination("bottom")}
    </>
  );
};
