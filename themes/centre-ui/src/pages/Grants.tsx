import {
  ActionGroup,
  Button,
  Checkbox,
  Flex,
  FlexItem,
  Form,
  FormGroup,
  FormSelect,
  FormSelectOption,
  Label,
  TextInput,
  Title,
  Tooltip,
} from "@patternfly/react-core";
import { DownloadIcon } from "@patternfly/react-icons";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { Fragment, type FormEvent, useState } from "react";
import { answered, endOfUtcDay, formatInstant, isLocalDate } from "@student-records/shared";
import { list, PURPOSE, useApi, useApiBase, useSession } from "../api";
import {
  CentrePage,
  type Entry,
  EntriesTable,
  FieldErrorText,
  LoadState,
  type Notice,
  NoticeLine,
  useCentreLoad,
  useNotices,
} from "../components";
import { ConfirmDialog } from "../feedback";
import { type Key, useT } from "../i18n";
import { usePeople } from "../people";

type Grant = {
  id: string;
  clientId: string;
  purpose: string;
  groups: string[];
  recordIds: string[];
  units: string[];
  agreement: { reference: string; sha256: string; fileName: string | null; size: number };
  status: string;
  requestedBy: string;
  approvedBy: string | null;
  expiresAt: string;
};

const GROUPS = ["profile", "identity", "contact", "guardians"];
const DEFAULT_PURPOSE = "statistics";
const DEFAULT_GROUPS = ["profile"];

/** The file's bytes in base64, as POST /grants takes the agreement. */
function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === "string" ? reader.result.replace(/^data:[^,]*,/, "") : "");
    reader.onerror = () => reject(reader.error ?? new Error("The file could not be read."));
    reader.readAsDataURL(file);
  });
}

/** Grants for outside bodies: the request form with the agreement upload, the list, approval, revocation, uses. */
export const Grants = () => {
  const { t, language } = useT();
  const api = useApi();
  const noticeOf = useNotices();
  const grants = useCentreLoad<{ grants: Grant[] }>("/grants");
  // The realm's applications, to pick the outside body by name and to name it in the table; typed when unreadable.
  const applications = useCentreLoad<{ applications: OutsideBody[] }>("/applications").data?.applications;
  const bodyOf = (clientId: string) => bodyLabel(applications?.find((a) => a.clientId === clientId) ?? { clientId, name: null });
  const [notice, setNotice] = useState<Notice>();
  const [uses, setUses] = useState<{ id: string; entries: Entry[] }>();
  const [confirming, setConfirming] = useState<{ grant: Grant; action: "approve" | "revoke" }>();
  const { keycloak } = useSession();
  const me = (keycloak.tokenParsed as { sub?: string } | undefined)?.sub;

  const nameOf = usePeople([...grants.data?.grants.flatMap((g) => [g.requestedBy, g.approvedBy]) ?? [],
    ...uses?.entries.map((e) => e.subject) ?? []]);
  const download = useAgreementDownload();

  const act = async (grant: Grant, action: "approve" | "revoke") => {
    const reply = await api("POST", `/grants/${encodeURIComponent(grant.id)}/${action}`);
    setConfirming(undefined);
    const done = { client: bodyOf(grant.clientId), purpose: grant.purpose, expires: formatInstant(grant.expiresAt, language) };
    setNotice(noticeOf(reply, t(action === "approve" ? "grantApprovedWhat" : "grantRevokedWhat", done)));
    grants.reload();
  };

  const agreementButton = (g: Grant, testId: string) => (
    <Button variant="link" isInline icon={<DownloadIcon />} data-testid={testId}
      aria-label={t("agreementDownloadOf", { reference: g.agreement.reference })}
      onClick={() => void download(g).then(setNotice)}>
      {t("agreementDownload")}
    </Button>
  );

  const showUses = async (grant: Grant) => {
    if (uses?.id === grant.id) {
      setUses(undefined);
      return;
    }
    const reply = await api<{ entries: Entry[] }>("GET", `/grants/${encodeURIComponent(grant.id)}/uses`);
    if (answered(reply)) {
      setUses({ id: grant.id, entries: reply.body.entries });
    } else {
      setNotice(noticeOf(reply, ""));
    }
  };

  return (
    <CentrePage title={t("grants")} intro={t("grantsIntro")}>
      <NoticeLine notice={notice} testId="grant-message" />
      <GrantRequestForm bodies={applications?.filter((a) => a.trust === "external" && !KEYCLOAK_CLIENTS.has(a.clientId))} onDone={(n) => { setNotice(n); grants.reload(); }} />
      <Title headingLevel="h2" className="pf-v5-u-mt-xl pf-v5-u-mb-md">{t("grantList")}</Title>
      <LoadState loaded={grants} />
      {grants.data && grants.data.grants.length === 0 && <p>{t("grantEmpty")}</p>}
      {grants.data && grants.data.grants.length > 0 && (
        <div className="centre-scroll" data-testid="grants-scroll">
        <Table aria-label={t("grantList")} variant="compact" data-testid="grants">
          <Thead>
            <Tr>
              <Th modifier="wrap">{t("grantClient")}</Th>
              <Th modifier="wrap">{t("grantGroups")}</Th>
              <Th modifier="wrap">{t("grantScope")}</Th>
              <Th modifier="wrap">{t("grantExpires")}</Th>
              <Th modifier="wrap">{t("grantAgreement")}</Th>
              <Th modifier="wrap">{t("status")}</Th>
              <Th modifier="wrap">{t("grantPeople")}</Th>
              <Th modifier="wrap">{t("actions")}</Th>
            </Tr>
          </Thead>
          <Tbody>
            {grants.data.grants.map((g) => {
              const mine = isRequester(g, me);
              return (
              <Fragment key={g.id}>
                <Tr data-testid={`grant-${g.id}`} data-status={g.status} data-client={g.clientId}>
                  <Td dataLabel={t("grantClient")} modifier="breakWord">
                    {bodyOf(g.clientId)}
                    <br />
                    <small>{t("grantPurpose")}: {g.purpose}</small>
                  </Td>
                  <Td dataLabel={t("grantGroups")}>{g.groups.map((x) => t(`group_${x}` as Key)).join(", ")}</Td>
                  <Td dataLabel={t("grantScope")} modifier="breakWord">{[...g.units, ...g.recordIds].join(", ")}</Td>
                  <Td dataLabel={t("grantExpires")}>{formatInstant(g.expiresAt, language)}</Td>
                  <Td dataLabel={t("grantAgreement")} modifier="breakWord">
                    {g.agreement.reference}
                    <br />
                    <small title={g.agreement.sha256}>SHA-256 {g.agreement.sha256?.slice(0, 12)}…</small>
                    <br />
                    {agreementButton(g, `agreement-${g.id}`)}
                  </Td>
                  <Td dataLabel={t("status")}>
                    <Label color={g.status === "ACTIVE" ? "green" : g.status === "PENDING" ? "orange" : "grey"}>
                      {t(`state_${g.status}` as Key)}
                    </Label>
                    {g.status === "PENDING" && mine && (
                      <small className="pf-v5-u-display-block pf-v5-u-mt-xs" data-testid={`approve-hint-${g.id}`}>
                        {t("approveOwnGrantHint")}
                      </small>
                    )}
                  </Td>
                  <Td dataLabel={t("grantPeople")} modifier="breakWord">
                    <span data-testid={`requested-by-${g.id}`}>{t("grantRequestedByShort", { name: nameOf(g.requestedBy) })}</span>
                    {g.approvedBy && (
                      <>
                        <br />
                        <span data-testid={`approved-by-${g.id}`}>{t("grantApprovedByShort", { name: nameOf(g.approvedBy) })}</span>
                      </>
                    )}
                  </Td>
                  <Td dataLabel={t("actions")}>
                    <Flex direction={{ default: "column" }} spaceItems={{ default: "spaceItemsXs" }}
                      alignItems={{ default: "alignItemsFlexStart" }}>
                      {g.status === "PENDING" && (
                        <FlexItem>
                          <ApproveButton mine={mine} testId={`approve-${g.id}`}
                            onClick={() => setConfirming({ grant: g, action: "approve" })} />
                        </FlexItem>
                      )}
                      {(g.status === "PENDING" || g.status === "ACTIVE") && (
                        <FlexItem>
                          <Button variant="danger" size="sm" data-testid={`revoke-${g.id}`}
                            onClick={() => setConfirming({ grant: g, action: "revoke" })}>
                            {t("revoke")}
                          </Button>
                        </FlexItem>
                      )}
                      <FlexItem>
                        <Button variant="secondary" size="sm" data-testid={`uses-${g.id}`} onClick={() => void showUses(g)}
                          aria-expanded={uses?.id === g.id}>
                          {uses?.id === g.id ? t("hideUses") : t("uses")}
                        </Button>
                      </FlexItem>
                    </Flex>
                  </Td>
                </Tr>
                {uses?.id === g.id && (
                  <Tr>
                    <Td colSpan={8}>
                      {uses.entries.length === 0 ? (
                        <p>{t("usesEmpty")}</p>
                      ) : (
                        <EntriesTable entries={uses.entries} label={t("grantUses", { id: g.id })} withRecord nameOf={nameOf}
                          testId={`uses-table-${g.id}`} />
                      )}
                    </Td>
                  </Tr>
                )}
              </Fragment>
              );
            })}
          </Tbody>
        </Table>
        </div>
      )}
      {confirming?.action === "approve" && (
        <ConfirmDialog title={t("approveGrantTitle")} confirmLabel={t("approve")}
          onConfirm={() => act(confirming.grant, "approve")} onClose={() => setConfirming(undefined)}
          testId="confirm-approve-grant">
          <p>{t("approveGrantBody", { reference: confirming.grant.agreement.reference,
            client: bodyOf(confirming.grant.clientId), purpose: confirming.grant.purpose })}</p>
          <p className="pf-v5-u-mt-md">
            {t("approveGrantAgreement", { reference: confirming.grant.agreement.reference })}{" "}
            {agreementButton(confirming.grant, "confirm-approve-grant-agreement")}
          </p>
        </ConfirmDialog>
      )}
      {confirming?.action === "revoke" && (
        <ConfirmDialog title={t("revokeGrantTitle")} confirmLabel={t("revoke")} variant="danger"
          onConfirm={() => act(confirming.grant, "revoke")} onClose={() => setConfirming(undefined)}
          testId="confirm-revoke-grant">
          {t("revokeGrantBody", { reference: confirming.grant.agreement.reference, client: bodyOf(confirming.grant.clientId) })}
        </ConfirmDialog>
      )}
    </CentrePage>
  );
};

/** The file name an attachment's Content-Disposition gives, if any. */
function attachmentName(disposition: string | null): string | undefined {
  const match = /filename="?([^";]+)"?/i.exec(disposition ?? "");
  return match?.[1];
}

/**
 * Downloads a grant's signed agreement (GET /grants/{id}/agreement, one GRANT_AGREEMENT entry) with the centre's token,
 * so that the administrator who approves reads what they approve; answers the notice saying what happened.
 */
function useAgreementDownload(): (grant: Grant) => Promise<Notice> {
  const { keycloak } = useSession();
  const base = useApiBase();
  const { t } = useT();
  return async (grant: Grant) => {
    const failed = (status: number | string): Notice => ({ variant: "danger", text: t("agreementNotDownloaded", { status }) });
    let response: Response;
    let blob: Blob;
    try {
      await keycloak.updateToken(5);
      response = await fetch(`${base}/grants/${encodeURIComponent(grant.id)}/agreement`, {
        headers: { Authorization: `Bearer ${keycloak.token ?? ""}`, "Data-Purpose": PURPOSE },
      });
      if (!response.ok) {
        return failed(response.status);
      }
      blob = await response.blob();
    } catch {
      return failed("—");
    }
    const file = attachmentName(response.headers.get("Content-Disposition")) ?? `agreement-${grant.id}`;
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = file;
    document.body.appendChild(link);
    link.click();
    link.remove();
    URL.revokeObjectURL(link.href);
    return { variant: "success", text: t("agreementDownloaded", { reference: grant.agreement.reference, file }) };
  };
}

/** Whether the signed-in administrator asked for the grant: four-eyes, so another one approves it. */
function isRequester(grant: Grant, sub: string | undefined): boolean {
  return sub !== undefined && sub !== "" && grant.requestedBy === sub;
}

/** Approve, or for the one who asked a disabled Approve whose tooltip says why (the server refuses it too). */
const ApproveButton = ({ mine, testId, onClick }: { mine: boolean; testId: string; onClick: () => void }) => {
  const { t } = useT();
  const button = (
    <Button variant="primary" size="sm" isAriaDisabled={mine}
      data-testid={testId} data-mine={mine ? "true" : "false"} onClick={onClick}>
      {t("approve")}
    </Button>
  );
  return mine ? <Tooltip content={t("approveOwnGrant")}>{button}</Tooltip> : button;
};

/** Keycloak's own clients of every realm: never an outside body a grant is for. */
const KEYCLOAK_CLIENTS = new Set(["account", "account-console", "admin-cli", "broker", "realm-management", "security-admin-console"]);

/** A client of the realm as GET /applications lists it: enough to name it and to tell an outside body. */
type OutsideBody = { clientId: string; name: string | null; trust?: string };

/** An application by its name and client id ("City statistics bureau (city-statistics-bureau)"), or its id alone. */
function bodyLabel(body: OutsideBody): string {
  return body.name && body.name !== body.clientId ? `${body.name} (${body.clientId})` : body.clientId;
}

const GrantRequestForm = ({ bodies, onDone }: { bodies: OutsideBody[] | undefined; onDone: (notice: Notice) => void }) => {
  const { t, client, language } = useT();
  // The realm's purposes to choose from; typed when the settings cannot be read.
  const purposes = useCentreLoad<{ purposes: string[] }>("/settings").data?.purposes;
  const api = useApi();
  const noticeOf = useNotices();
  const [clientId, setClientId] = useState("");
  const [purpose, setPurpose] = useState(DEFAULT_PURPOSE);
  const [groups, setGroups] = useState<string[]>(DEFAULT_GROUPS);
  const [units, setUnits] = useState("");
  const [recordIds, setRecordIds] = useState("");
  const [expires, setExpires] = useState("");
  const [reference, setReference] = useState("");
  const [file, setFile] = useState<File>();
  const [busy, setBusy] = useState(false);
  // A file input cannot be emptied through React: a new one replaces it.
  const [fileInput, setFileInput] = useState(0);

  const expiresInvalid = expires !== "" && !isLocalDate(expires);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (expiresInvalid) {
      onDone({ variant: "danger", text: client("invalidDate") });
      return;
    }
    setBusy(true);
    try {
      const body = {
        clientId: clientId.trim(),
        purpose: purpose.trim(),
        groups,
        units: list(units),
        recordIds: list(recordIds),
        // The last moment of the chosen day in UTC: a grant "until 31 March" covers the 31st.
        expiresAt: endOfUtcDay(expires) ?? null,
        agreement: file
          ? { reference: reference.trim(), fileName: file.name, contentType: file.type || "application/octet-stream",
              content: await base64Of(file) }
          : { reference: reference.trim() },
      };
      const reply = await api<{ id: string }>("POST", "/grants", { body });
      const named = bodyLabel(bodies?.find((b) => b.clientId === body.clientId) ?? { clientId: body.clientId, name: null });
      onDone(noticeOf(reply, t("grantRequestedWhat", { client: named, purpose: body.purpose,
        expires: formatInstant(body.expiresAt, language) })));
      if (reply.ok) {
        // Sent: the form is empty for the next request; a refused one keeps what was typed.
        setClientId("");
        setPurpose(DEFAULT_PURPOSE);
        setGroups(DEFAULT_GROUPS);
        setUnits("");
        setRecordIds("");
        setExpires("");
        setReference("");
        setFile(undefined);
        setFileInput((n) => n + 1);
      }
    } catch {
      // Only reading the agreement file can fail here: the API's calls answer every failure in their reply.
      onDone({ variant: "danger", text: t("fileUnreadable") });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Title headingLevel="h2" className="pf-v5-u-mb-md">{t("grantRequest")}</Title>
      <Form onSubmit={(e) => void submit(e)} data-testid="grant-form" isWidthLimited>
        <FormGroup label={t("grantClient")} isRequired fieldId="grant-client">
          {bodies && bodies.length > 0 ? (
            <FormSelect id="grant-client" isRequired value={clientId} onChange={(_e, v) => setClientId(v)}>
              <FormSelectOption value="" label={t("grantClientChoose")} isPlaceholder />
              {bodies.map((b) => <FormSelectOption key={b.clientId} value={b.clientId} label={bodyLabel(b)} />)}
            </FormSelect>
          ) : (
            <TextInput id="grant-client" isRequired value={clientId} onChange={(_e, v) => setClientId(v)} />
          )}
        </FormGroup>
        <FormGroup label={t("grantPurpose")} isRequired fieldId="grant-purpose">
          {purposes && purposes.length > 0 ? (
            <FormSelect id="grant-purpose" isRequired value={purpose} onChange={(_e, v) => setPurpose(v)}>
              {!purposes.includes(purpose) && <FormSelectOption value={purpose} label={purpose || t("grantPurposeChoose")} isPlaceholder={!purpose} />}
              {purposes.map((p) => (
                <FormSelectOption key={p} value={p} label={p} />
              ))}
            </FormSelect>
          ) : (
            <TextInput id="grant-purpose" isRequired value={purpose} onChange={(_e, v) => setPurpose(v)} />
          )}
        </FormGroup>
        <FormGroup label={t("grantGroups")} role="group" isInline fieldId="grant-groups">
          {GROUPS.map((g) => (
            <Checkbox key={g} id={`grant-group-${g}`} label={t(`group_${g}` as Key)} isChecked={groups.includes(g)}
              onChange={(_e, checked) => setGroups(checked ? [...groups, g] : groups.filter((x) => x !== g))} />
          ))}
        </FormGroup>
        <FormGroup label={t("grantUnits")} fieldId="grant-units">
          <TextInput id="grant-units" value={units} onChange={(_e, v) => setUnits(v)} />
        </FormGroup>
        <FormGroup label={t("grantRecordIds")} fieldId="grant-records">
          <TextInput id="grant-records" value={recordIds} onChange={(_e, v) => setRecordIds(v)} />
        </FormGroup>
        <FormGroup label={t("grantExpires")} isRequired fieldId="grant-expires">
          <TextInput id="grant-expires" type="date" isRequired value={expires} onChange={(_e, v) => setExpires(v)}
            validated={expiresInvalid ? "error" : "default"} aria-describedby={expiresInvalid ? "grant-expires-error" : undefined} />
          {expiresInvalid && <FieldErrorText id="grant-expires-error" text={client("invalidDate")} />}
        </FormGroup>
        <FormGroup label={t("grantAgreementReference")} isRequired fieldId="grant-reference">
          <TextInput id="grant-reference" isRequired value={reference} onChange={(_e, v) => setReference(v)} />
        </FormGroup>
        <FormGroup label={t("grantAgreementFile")} isRequired fieldId="grant-file">
          <input key={fileInput} id="grant-file" type="file" required className="pf-v5-c-form-control"
            onChange={(e) => setFile(e.target.files?.[0])} />
        </FormGroup>
        <ActionGroup>
          <Button type="submit" variant="primary" isDisabled={busy} isLoading={busy} data-testid="send-grant">
            {t("grantSend")}
          </Button>
        </ActionGroup>
      </Form>
    </>
  );
};
