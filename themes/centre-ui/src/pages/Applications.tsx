import {
  ActionGroup,
  Alert,
  Button,
  Form,
  FormGroup,
  Label,
  Radio,
  SearchInput,
  Title,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
  Tooltip,
} from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { type FieldError, formatInstant, problemText } from "@student-records/shared";
import { useApi } from "../api";
import { CentrePage, FieldErrorText, LoadState, useCentreLoad } from "../components";
import { ConfirmDialog, useToast } from "../feedback";
import { type Key, useT } from "../i18n";
import { PurposeSelect, type SelectWords } from "../PurposeSelect";
import { type AppSettings, differences, errorsOf, widens } from "./applicationChange";

type PendingChange = AppSettings & {
  id: string;
  requestedBy: { username: string | null; name: string | null };
  requestedByYou: boolean;
  requestedAt: string;
};

type Application = AppSettings & {
  clientId: string;
  name: string | null;
  description?: string | null;
  pendingChange: PendingChange | null;
};

type Listing = { applications: Application[]; purposes: string[]; units: string[]; scopes: string[] };

const UNIT_WORDS: SelectWords = { menu: "appUnitsMenu", choose: "appChooseUnits", clear: "appClearUnits", none: "appNoUnitMatches" };
const SCOPE_WORDS: SelectWords = {
  menu: "appScopesMenu",
  choose: "appChooseScopes",
  clear: "appClearScopes",
  none: "appNoScopeMatches",
};

/** A client's name as people know it: its name unless Keycloak keeps a message key there, else its client id. */
export function nameOf(app: { clientId: string; name: string | null }): string {
  return app.name && !app.name.startsWith("${") ? app.name : app.clientId;
}

function settingsOf(app: AppSettings): AppSettings {
  return {
    trust: app.trust,
    purposes: app.purposes,
    units: app.units,
    defaultScopes: app.defaultScopes,
    optionalScopes: app.optionalScopes,
  };
}

/**
 * Applications and scopes: which campus applications may reach which parts of a record. The realm's clients in a
 * table with a search; a form to change one's trust, purposes, units and scopes; the changes that make a client less
 * protected, waiting for a second administrator, with their approval.
 */
export const Applications = () => {
  const { t, language } = useT();
  const api = useApi();
  const toast = useToast();
  const listing = useCentreLoad<Listing>("/applications");
  const [search, setSearch] = useState("");
  const [editing, setEditing] = useState<string>();
  const [approving, setApproving] = useState<Application>();
  const apps = listing.data?.applications ?? [];
  const typed = search.trim().toLowerCase();
  const shown = apps.filter((a) => typed === "" || a.clientId.toLowerCase().includes(typed)
    || nameOf(a).toLowerCase().includes(typed));
  const waiting = apps.filter((a) => a.pendingChange !== null);
  const edited = apps.find((a) => a.clientId === editing);

  const approve = async (app: Application) => {
    const change = app.pendingChange;
    if (!change) {
      return;
    }
    const reply = await api("POST", `/applications/${encodeURIComponent(app.clientId)}/changes/${encodeURIComponent(change.id)}/approve`);
    setApproving(undefined);
    toast(reply.ok
      ? { variant: "success", text: t("appApproved", { name: nameOf(app) }), testId: "app-approved" }
      : { variant: "danger", text: problemText(reply, language), testId: "app-failed" });
    listing.reload();
  };

  return (
    <CentrePage title={t("applications")} intro={t("applicationsIntro")}>
      <Toolbar clearAllFilters={() => setSearch("")}>
        <ToolbarContent>
          <ToolbarItem variant="search-filter">
            <SearchInput aria-label={t("appSearch")} placeholder={t("appSearch")} value={search} data-testid="apps-search"
              onChange={(_e, value) => setSearch(value)} onClear={() => setSearch("")} />
          </ToolbarItem>
          <ToolbarItem>
            <Button variant="secondary" onClick={listing.reload} data-testid="apps-refresh">{t("refresh")}</Button>
          </ToolbarItem>
        </ToolbarContent>
      </Toolbar>
      <LoadState loaded={listing} />
      {listing.data && shown.length === 0 && <p data-testid="apps-empty">{t("appNone")}</p>}
      {listing.data && shown.length > 0 && (
        <Table aria-label={t("applications")} variant="compact" data-testid="applications">
          <Thead>
            <Tr>
              <Th>{t("appName")}</Th>
              <Th>{t("appTrust")}</Th>
              <Th>{t("appPurposes")}</Th>
              <Th>{t("appUnits")}</Th>
              <Th>{t("appScopes")}</Th>
              <Th>{t("actions")}</Th>
            </Tr>
          </Thead>
          <Tbody>
            {shown.map((a) => (
              <Tr key={a.clientId} data-testid={`app-${a.clientId}`} data-trust={a.trust}
                data-pending={a.pendingChange ? "true" : "false"}>
                <Td dataLabel={t("appName")}>
                  {nameOf(a)}
                  {nameOf(a) !== a.clientId && <><br /><small>{a.clientId}</small></>}
                </Td>
                <Td dataLabel={t("appTrust")}>
                  <Label color={a.trust === "internal" ? "blue" : "grey"}>{t(a.trust === "internal" ? "appInternal" : "appExternal")}</Label>
                  {a.pendingChange && <><br /><Label color="orange" className="pf-v5-u-mt-xs">{t("appAwaiting")}</Label></>}
                </Td>
                <Td dataLabel={t("appPurposes")}>{a.purposes.join(", ") || "—"}</Td>
                <Td dataLabel={t("appUnits")}>{a.units.map((u) => (u === "*" ? t("appAllUnits") : u)).join(", ") || "—"}</Td>
                <Td dataLabel={t("appScopes")}>
                  {[...a.defaultScopes, ...a.optionalScopes.map((s) => t("appOptionalScope", { scope: s }))].join(", ") || "—"}
                </Td>
                <Td dataLabel={t("actions")}>
                  <Button variant="secondary" size="sm" data-testid={`edit-${a.clientId}`}
                    aria-label={t("appEditNamed", { name: nameOf(a) })} onClick={() => setEditing(a.clientId)}>
                    {t("appEdit")}
                  </Button>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      {edited && listing.data && (
        <ApplicationForm key={edited.clientId} app={edited} listing={listing.data}
          onClose={() => setEditing(undefined)} onDone={() => { setEditing(undefined); listing.reload(); }} />
      )}
      <Title headingLevel="h2" className="pf-v5-u-mt-xl pf-v5-u-mb-md">{t("appChanges")}</Title>
      {listing.data && waiting.length === 0 && <p data-testid="app-changes-empty">{t("appNoChanges")}</p>}
      {waiting.length > 0 && (
        <Table aria-label={t("appChanges")} variant="compact" data-testid="app-changes">
          <Thead>
            <Tr>
              <Th>{t("appName")}</Th>
              <Th>{t("appChange")}</Th>
              <Th>{t("appRequestedBy")}</Th>
              <Th>{t("actions")}</Th>
            </Tr>
          </Thead>
          <Tbody>
            {waiting.map((a) => (
              <Tr key={a.clientId} data-testid={`change-${a.clientId}`}>
                <Td dataLabel={t("appName")}>{nameOf(a)}</Td>
                <Td dataLabel={t("appChange")}><ChangeSummary before={a} after={a.pendingChange as PendingChange} /></Td>
                <Td dataLabel={t("appRequestedBy")}>
                  {personOf(a.pendingChange as PendingChange)}
                  <br />
                  <small>{formatInstant(a.pendingChange?.requestedAt, language)}</small>
                </Td>
                <Td dataLabel={t("actions")}>
                  <ApproveChange mine={a.pendingChange?.requestedByYou ?? false} testId={`approve-change-${a.clientId}`}
                    label={t("appApproveNamed", { name: nameOf(a) })} onClick={() => setApproving(a)} />
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      {approving && approving.pendingChange && (
        <ConfirmDialog title={t("appApproveTitle", { name: nameOf(approving) })} confirmLabel={t("approve")}
          testId="confirm-change" onClose={() => setApproving(undefined)} onConfirm={() => approve(approving)}>
          <p>{t("appApproveText", { name: nameOf(approving), person: personOf(approving.pendingChange) })}</p>
          <ChangeSummary before={approving} after={approving.pendingChange} />
        </ConfirmDialog>
      )}
    </CentrePage>
  );
};

function personOf(change: PendingChange): string {
  const { username, name } = change.requestedBy;
  return [name, username && `(${username})`].filter(Boolean).join(" ") || "—";
}

/** What a waiting change adds and takes away, in words. */
const ChangeSummary = ({ before, after }: { before: AppSettings; after: AppSettings }) => {
  const { t } = useT();
  const d = differences(before, after);
  const lines: string[] = [];
  if (d.trust) {
    lines.push(t(d.trust === "internal" ? "appBecomesInternal" : "appBecomesExternal"));
  }
  const list = (added: string[], removed: string[], addKey: "appAddsPurposes" | "appAddsUnits" | "appAddsScopes",
    removeKey: "appRemovesPurposes" | "appRemovesUnits" | "appRemovesScopes") => {
    if (added.length > 0) {
      lines.push(t(addKey, { values: added.join(", ") }));
    }
    if (removed.length > 0) {
      lines.push(t(removeKey, { values: removed.join(", ") }));
    }
  };
  list(d.purposes.added, d.purposes.removed, "appAddsPurposes", "appRemovesPurposes");
  list(d.units.added, d.units.removed, "appAddsUnits", "appRemovesUnits");
  list(d.scopes.added, d.scopes.removed, "appAddsScopes", "appRemovesScopes");
  return (
    <ul className="pf-v5-c-list" data-testid="change-summary">
      {(lines.length > 0 ? lines : [t("appScopesRearranged")]).map((l) => <li key={l}>{l}</li>)}
    </ul>
  );
};

/** Approve, or for the one who asked a disabled Approve whose tooltip says why (the server refuses it too). */
const ApproveChange = ({ mine, testId, label, onClick }: { mine: boolean; testId: string; label: string; onClick: () => void }) => {
  const { t } = useT();
  const button = (
    <Button variant="primary" size="sm" isAriaDisabled={mine} data-testid={testId} data-mine={mine ? "true" : "false"}
      aria-label={label} onClick={onClick}>
      {t("approve")}
    </Button>
  );
  return mine ? <Tooltip content={t("appApproveOwn")}>{button}</Tooltip> : button;
};

/** The form of one application: trust, purposes, units, default and optional scopes; field errors of a 422 on the fields. */
const ApplicationForm = ({ app, listing, onClose, onDone }: {
  app: Application;
  listing: Listing;
  onClose: () => void;
  onDone: () => void;
}) => {
  const { t, language } = useT();
  const api = useApi();
  const toast = useToast();
  const [form, setForm] = useState<AppSettings>(settingsOf(app));
  const [errors, setErrors] = useState<FieldError[]>();
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.scrollIntoView({ block: "start" });
    heading.current?.focus();
  }, []);
  const set = (patch: Partial<AppSettings>) => setForm((f) => ({ ...f, ...patch }));
  const wider = widens(settingsOf(app), form);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const reply = await api<Application>("PUT", `/applications/${encodeURIComponent(app.clientId)}`, { body: form });
    setBusy(false);
    if (reply.status === 200) {
      toast({ variant: "success", text: t("appSaved", { name: nameOf(app) }), testId: "app-saved" });
      onDone();
    } else if (reply.status === 202) {
      toast({ variant: "info", text: t("appRequested", { name: nameOf(app) }), testId: "app-requested" });
      onDone();
    } else {
      setErrors(reply.problem?.errors);
      toast({ variant: "danger", text: problemText(reply, language, false), testId: "app-failed" });
    }
  };

  const fieldError = (field: keyof AppSettings, id: string) =>
    errorsOf(errors, field).length > 0 ? <FieldErrorText id={id} text={t(`appInvalid_${field}` as Key)} /> : null;
  const others = (chosen: string[]) => listing.scopes.filter((s) => !chosen.includes(s));

  return (
    <section className="pf-v5-u-mt-xl" aria-labelledby="app-form-title" data-testid="app-form">
      <Title headingLevel="h2" id="app-form-title" ref={heading} tabIndex={-1} className="pf-v5-u-mb-md">
        {t("appEditTitle", { name: nameOf(app) })}
      </Title>
      <Form onSubmit={(e) => void submit(e)} maxWidth="720px">
        <FormGroup role="radiogroup" label={t("appTrust")} fieldId="app-trust" isStack>
          <Radio id="app-trust-internal" name="app-trust" label={t("appInternal")} description={t("appInternalHelp")}
            isChecked={form.trust === "internal"} onChange={() => set({ trust: "internal" })} />
          <Radio id="app-trust-external" name="app-trust" label={t("appExternal")} description={t("appExternalHelp")}
            isChecked={form.trust === "external"} onChange={() => set({ trust: "external" })} />
        </FormGroup>
        <FormGroup label={t("appPurposes")} fieldId="app-purposes">
          <PurposeSelect id="app-purposes" label={t("appPurposes")} options={listing.purposes} chosen={form.purposes}
            onChange={(purposes) => set({ purposes })} invalid={errorsOf(errors, "purposes").length > 0}
            stray={form.purposes.filter((p) => !listing.purposes.includes(p))} />
          {fieldError("purposes", "app-purposes-error")}
        </FormGroup>
        <FormGroup label={t("appUnits")} fieldId="app-units">
          <PurposeSelect id="app-units" label={t("appUnits")} options={["*", ...listing.units]} chosen={form.units}
            onChange={(units) => set({ units })} invalid={errorsOf(errors, "units").length > 0} words={UNIT_WORDS} />
          {fieldError("units", "app-units-error")}
        </FormGroup>
        <FormGroup label={t("appDefaultScopes")} fieldId="app-default-scopes">
          <PurposeSelect id="app-default-scopes" label={t("appDefaultScopes")} options={others(form.optionalScopes)}
            chosen={form.defaultScopes} onChange={(defaultScopes) => set({ defaultScopes })}
            invalid={errorsOf(errors, "defaultScopes").length > 0} words={SCOPE_WORDS} />
          {fieldError("defaultScopes", "app-default-scopes-error")}
        </FormGroup>
        <FormGroup label={t("appOptionalScopes")} fieldId="app-optional-scopes">
          <PurposeSelect id="app-optional-scopes" label={t("appOptionalScopes")} options={others(form.defaultScopes)}
            chosen={form.optionalScopes} onChange={(optionalScopes) => set({ optionalScopes })}
            invalid={errorsOf(errors, "optionalScopes").length > 0} words={SCOPE_WORDS} />
          {fieldError("optionalScopes", "app-optional-scopes-error")}
        </FormGroup>
        {wider && <Alert variant="warning" isInline title={t("appWidens")} data-testid="app-widens" />}
        <ActionGroup>
          <Button type="submit" variant="primary" isLoading={busy} isDisabled={busy} data-testid="app-save">
            {wider ? t("appAskApproval") : t("save")}
          </Button>
          <Button variant="link" onClick={onClose} data-testid="app-cancel">{t("cancel")}</Button>
        </ActionGroup>
      </Form>
    </section>
  );
};
