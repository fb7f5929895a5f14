import {
  ActionGroup,
  Button,
  Checkbox,
  Form,
  FormGroup,
  Label,
  TextInput,
  Title,
  Tooltip,
} from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { Fragment, type FormEvent, useState } from "react";
import { answered, endOfUtcDay, formatInstant, isLocalDate } from "@student-records/shared";
import { list, useApi, useSession } from "../api";
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
  const [notice, setNotice] = useState<Notice>();
  const [uses, setUses] = useState<{ id: string; entries: Entry[] }>();
  const [confirming, setConfirming] = useState<{ grant: Grant; action: "approve" | "revoke" }>();
  const { keycloak } = useSession();
  const me = (keycloak.tokenParsed as { sub?: string } | undefined)?.sub;

  const act = async (grant: Grant, action: "approve" | "revoke") => {
    const reply = await api("POST", `/grants/${encodeURIComponent(grant.id)}/${action}`);
    setConfirming(undefined);
    setNotice(noticeOf(reply, t(action === "approve" ? "grantApproved" : "grantRevoked", { id: grant.id })));
    grants.reload();
  };

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
      <GrantRequestForm onDone={(n) => { setNotice(n); grants.reload(); }} />
      <Title headingLevel="h2" className="pf-v5-u-mt-xl pf-v5-u-mb-md">{t("grantList")}</Title>
      <LoadState loaded={grants} />
      {grants.data && grants.data.grants.length === 0 && <p>{t("grantEmpty")}</p>}
      {grants.data && grants.data.grants.length > 0 && (
        <div className="centre-scroll">
        <Table aria-label={t("grantList")} variant="compact" data-testid="grants">
          <Thead>
            <Tr>
              <Th>{t("grantClient")}</Th>
              <Th>{t("grantPurpose")}</Th>
              <Th>{t("grantGroups")}</Th>
              <Th>{t("grantScope")}</Th>
              <Th>{t("grantExpires")}</Th>
              <Th>{t("grantAgreement")}</Th>
              <Th>{t("status")}</Th>
              <Th>{t("grantRequestedBy")}</Th>
              <Th>{t("grantApprovedBy")}</Th>
              <Th>{t("actions")}</Th>
            </Tr>
          </Thead>
          <Tbody>
            {grants.data.grants.map((g) => (
              <Fragment key={g.id}>
                <Tr data-testid={`grant-${g.id}`} data-status={g.status} data-client={g.clientId}>
                  <Td dataLabel={t("grantClient")}>{g.clientId}</Td>
                  <Td dataLabel={t("grantPurpose")}>{g.purpose}</Td>
                  <Td dataLabel={t("grantGroups")}>{g.groups.map((x) => t(`group_${x}` as Key)).join(", ")}</Td>
                  <Td dataLabel={t("grantScope")}>{[...g.units, ...g.recordIds].join(", ")}</Td>
                  <Td dataLabel={t("grantExpires")}>{formatInstant(g.expiresAt, language)}</Td>
                  <Td dataLabel={t("grantAgreement")}>
                    {g.agreement.reference}
                    <br />
                    <small title={g.agreement.sha256}>SHA-256 {g.agreement.sha256?.slice(0, 12)}…</small>
                  </Td>
                  <Td dataLabel={t("status")}>
                    <Label color={g.status === "ACTIVE" ? "green" : g.status === "PENDING" ? "orange" : "grey"}>
                      {t(`state_${g.status}` as Key)}
                    </Label>
                  </Td>
                  <Td dataLabel={t("grantRequestedBy")}>{g.requestedBy}</Td>
                  <Td dataLabel={t("grantApprovedBy")}>{g.approvedBy ?? "—"}</Td>
                  <Td dataLabel={t("actions")}>
                    {g.status === "PENDING" && (
                      <ApproveButton mine={isRequester(g, me)} testId={`approve-${g.id}`}
                        onClick={() => setConfirming({ grant: g, action: "approve" })} />
                    )}
                    {(g.status === "PENDING" || g.status === "ACTIVE") && (
                      <Button variant="danger" size="sm" className="pf-v5-u-mr-sm pf-v5-u-mb-xs"
                        data-testid={`revoke-${g.id}`} onClick={() => setConfirming({ grant: g, action: "revoke" })}>
                        {t("revoke")}
                      </Button>
                    )}
                    <Button variant="secondary" size="sm" data-testid={`uses-${g.id}`} onClick={() => void showUses(g)}
                      aria-expanded={uses?.id === g.id}>
                      {uses?.id === g.id ? t("hideUses") : t("uses")}
                    </Button>
                  </Td>
                </Tr>
                {uses?.id === g.id && (
                  <Tr>
                    <Td colSpan={10}>
                      {uses.entries.length === 0 ? (
                        <p>{t("usesEmpty")}</p>
                      ) : (
                        <EntriesTable entries={uses.entries} label={t("grantUses", { id: g.id })} withRecord
                          testId={`uses-table-${g.id}`} />
                      )}
                    </Td>
                  </Tr>
                )}
              </Fragment>
            ))}
          </Tbody>
        </Table>
        </div>
      )}
      {confirming?.action === "approve" && (
        <ConfirmDialog title={t("approveGrantTitle")} confirmLabel={t("approve")}
          onConfirm={() => act(confirming.grant, "approve")} onClose={() => setConfirming(undefined)}
          testId="confirm-approve-grant">
          {t("approveGrantBody", { id: confirming.grant.id, client: confirming.grant.clientId, purpose: confirming.grant.purpose })}
        </ConfirmDialog>
      )}
      {confirming?.action === "revoke" && (
        <ConfirmDialog title={t("revokeGrantTitle")} confirmLabel={t("revoke")} variant="danger"
          onConfirm={() => act(confirming.grant, "revoke")} onClose={() => setConfirming(undefined)}
          testId="confirm-revoke-grant">
          {t("revokeGrantBody", { id: confirming.grant.id, client: confirming.grant.clientId })}
        </ConfirmDialog>
      )}
    </CentrePage>
  );
};

/** Whether the signed-in administrator asked for the grant: four-eyes, so another one approves it. */
function isRequester(grant: Grant, sub: string | undefined): boolean {
  return sub !== undefined && sub !== "" && grant.requestedBy === sub;
}

/** Approve, or for the one who asked a disabled Approve whose tooltip says why (the server refuses it too). */
const ApproveButton = ({ mine, testId, onClick }: { mine: boolean; testId: string; onClick: () => void }) => {
  const { t } = useT();
  const button = (
    <Button variant="primary" size="sm" className="pf-v5-u-mr-sm pf-v5-u-mb-xs" isAriaDisabled={mine}
      data-testid={testId} data-mine={mine ? "true" : "false"} onClick={onClick}>
      {t("approve")}
    </Button>
  );
  return mine ? <Tooltip content={t("approveOwnGrant")}>{button}</Tooltip> : button;
};

const GrantRequestForm = ({ onDone }: { onDone: (notice: Notice) => void }) => {
  const { t, client } = useT();
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
      onDone(noticeOf(reply, t("grantRequested", { id: reply.body?.id ?? "" })));
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
          <TextInput id="grant-client" isRequired value={clientId} onChange={(_e, v) => setClientId(v)} />
        </FormGroup>
        <FormGroup label={t("grantPurpose")} isRequired fieldId="grant-purpose">
          <TextInput id="grant-purpose" isRequired value={purpose} onChange={(_e, v) => setPurpose(v)} />
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
