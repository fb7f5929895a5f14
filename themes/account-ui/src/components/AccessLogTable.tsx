import {
  Alert,
  Button,
  Form,
  FormGroup,
  FormHelperText,
  HelperText,
  HelperTextItem,
  Modal,
  TextArea,
  TextInput,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
} from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import {
  clientText,
  entryResultText,
  type EntryResult,
  formatInstant,
  isImpersonated,
  isLocalDate,
  operationText,
  outcomeOf,
  problemText,
  startOfLocalDay,
  startOfNextLocalDay,
  useLoad,
} from "@student-records/shared";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useLanguage, useStudentRecordsApi } from "../api";
import { reportRefusal, type ReportRefusal } from "../reportErrors";
import type { Voice } from "./voice";

/**
 * One access to the record, as GET /me/access-log answers: besides who, when and what, the decision, the outcome
 * (done, not done, refused) with its reason, and whether an administrator impersonated the person.
 */
export type AccessEntry = EntryResult & {
  sequence: number;
  time: string;
  subject?: string;
  clientId: string;
  purpose?: string;
  grantId?: string;
  operation: string;
  groups: string[];
};

const PAGE_SIZE = 20;

/**
 * An access log (GET {@code logPath}: the student's own, or a child's for a guardian), newest first, paged, filtered;
 * each entry can be reported as misuse (POST {@code reportPath}, with the report's {@code kind} where the endpoint
 * takes one: a guardian's reports are misuse reports or questions).
 */
export const AccessLogTable = ({ logPath, reportPath, voice, kind }: {
  logPath: string;
  reportPath: string;
  voice: Voice;
  kind?: "MISUSE";
}) => {
  const { t } = useTranslation();
  const language = useLanguage();
  const api = useStudentRecordsApi();
  const [offset, setOffset] = useState(0);
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [who, setWho] = useState("");
  const [purpose, setPurpose] = useState("");
  const [reporting, setReporting] = useState<AccessEntry>();
  const [sent, setSent] = useState<string>();

  // A date being typed (or a year with a digit too many) is not asked for: the field says what is wrong instead.
  const fromInvalid = from !== "" && !isLocalDate(from);
  const toInvalid = to !== "" && !isLocalDate(to);
  const path = useMemo(() => {
    if (fromInvalid || toInvalid) {
      return null;
    }
    const query = new URLSearchParams({ offset: String(offset), limit: String(PAGE_SIZE) });
    const start = startOfLocalDay(from);
    // "to" is the last day shown: the server excludes its bound, so ask up to the start of the next day.
    const end = startOfNextLocalDay(to);
    if (start) query.set("from", start);
    if (end) query.set("to", end);
    return `${logPath}?${query}`;
  }, [logPath, offset, from, to, fromInvalid, toInvalid]);
  const log = useLoad<{ entries: AccessEntry[] }>(api, path);
  const entries = useMemo(() => log.data?.entries ?? [], [log.data]);

  // Who and purpose narrow the page the server sent; dates are asked of the server.
  const shown = useMemo(
    () =>
      entries.filter(
        (e) =>
          (!who || `${e.clientId} ${e.subject ?? ""}`.toLowerCase().includes(who.toLowerCase())) &&
          (!purpose || (e.purpose ?? "").toLowerCase().includes(purpose.toLowerCase())),
      ),
    [entries, who, purpose],
  );

  return (
    <>
      {log.failure && <Alert variant="warning" isInline title={problemText(log.failure, language)} data-testid="load-error" />}
      {sent && <Alert variant="success" isInline title={sent} data-testid="report-sent" />}
      <Toolbar>
        <ToolbarContent>
          <ToolbarItem>
            <FormGroup label={t("studentAccessLogFrom")} fieldId="log-from">
              <TextInput id="log-from" type="date" value={from} onChange={(_, v) => { setOffset(0); setFrom(v); }}
                validated={fromInvalid ? "error" : "default"} aria-describedby={fromInvalid ? "log-from-error" : undefined} />
              {fromInvalid && <DateError id="log-from-error" text={clientText(language, "invalidDate")} />}
            </FormGroup>
          </ToolbarItem>
          <ToolbarItem>
            <FormGroup label={t("studentAccessLogTo")} fieldId="log-to">
              <TextInput id="log-to" type="date" value={to} onChange={(_, v) => { setOffset(0); setTo(v); }}
                validated={toInvalid ? "error" : "default"} aria-describedby={toInvalid ? "log-to-error" : undefined} />
              {toInvalid && <DateError id="log-to-error" text={clientText(language, "invalidDate")} />}
            </FormGroup>
          </ToolbarItem>
          <ToolbarItem>
            <FormGroup label={t("studentAccessLogWho")} fieldId="log-who">
              <TextInput id="log-who" value={who} onChange={(_, v) => setWho(v)} />
            </FormGroup>
          </ToolbarItem>
          <ToolbarItem>
            <FormGroup label={t("studentAccessLogPurpose")} fieldId="log-purpose">
              <TextInput id="log-purpose" value={purpose} onChange={(_, v) => setPurpose(v)} />
            </FormGroup>
          </ToolbarItem>
        </ToolbarContent>
      </Toolbar>
      <Table aria-label={t("studentAccessLog")} variant="compact" data-testid="access-log">
        <Thead>
          <Tr>
            <Th modifier="wrap">{t("studentAccessLogWhen")}</Th>
            <Th modifier="wrap">{t("studentAccessLogWho")}</Th>
            <Th modifier="wrap">{t("studentAccessLogPurpose")}</Th>
            <Th modifier="wrap">{t("studentAccessLogWhat")}</Th>
            <Th modifier="wrap">{t("studentAccessLogDecision")}</Th>
            <Th screenReaderText={t("studentAccessLogActions")} />
          </Tr>
        </Thead>
        <Tbody>
          {shown.map((e) => (
            <Tr key={e.sequence} data-testid={`entry-${e.sequence}`} data-client={e.clientId} data-operation={e.operation}
              data-outcome={outcomeOf(e) ?? ""}>
              <Td dataLabel={t("studentAccessLogWhen")}>{formatInstant(e.time, language)}</Td>
              <Td dataLabel={t("studentAccessLogWho")}>
                {e.subject ? t("studentAccessLogPerson", { client: e.clientId }) : t("studentAccessLogApplication", { client: e.clientId })}
                {isImpersonated(e) && (
                  <>
                    <br />
                    <small data-testid={`impersonated-${e.sequence}`}>{t("studentAccessLogImpersonated")}</small>
                  </>
                )}
              </Td>
              <Td dataLabel={t("studentAccessLogPurpose")}>{e.purpose ?? "—"}{e.grantId ? ` (${e.grantId})` : ""}</Td>
              <Td dataLabel={t("studentAccessLogWhat")}>
                {operationText(e.operation, language)}
                {e.groups.length > 0 ? `: ${e.groups.map((g) => t(`studentRecordGroup.${g}`, { defaultValue: g })).join(", ")}` : ""}
              </Td>
              <Td dataLabel={t("studentAccessLogDecision")} data-testid={`outcome-${e.sequence}`}>
                {entryResultText(e, language)}
              </Td>
              <Td dataLabel={t("studentAccessLogActions")}>
                <Button variant="link" isInline onClick={() => { setSent(undefined); setReporting(e); }} data-testid={`report-${e.sequence}`}>
                  {t("studentReportMisuse")}
                </Button>
              </Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
      {shown.length === 0 && <p>{t("studentAccessLogEmpty")}</p>}
      <Button variant="secondary" isDisabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))} data-testid="newer">
        {t("studentAccessLogNewer")}
      </Button>{" "}
      <Button variant="secondary" isDisabled={entries.length < PAGE_SIZE} onClick={() => setOffset(offset + PAGE_SIZE)} data-testid="older">
        {t("studentAccessLogOlder")}
      </Button>
      {reporting && (
        <ReportDialog
          entry={reporting}
          path={reportPath}
          voice={voice}
          kind={kind}
          onClose={(done) => {
            setReporting(undefined);
            if (done) setSent(t("studentReportSent"));
          }}
        />
      )}
    </>
  );
};

const DateError = ({ id, text }: { id: string; text: string }) => (
  <FormHelperText>
    <HelperText>
      <HelperTextItem variant="error" id={id}>
        {text}
      </HelperTextItem>
    </HelperText>
  </FormHelperText>
);

/** Starts a misuse report with one access-log entry attached. */
const ReportDialog = ({ entry, path, voice, kind, onClose }: {
  entry: AccessEntry;
  path: string;
  voice: Voice;
  kind?: "MISUSE";
  onClose: (sent: boolean) => void;
}) => {
  const { t } = useTranslation();
  const language = useLanguage();
  const api = useStudentRecordsApi();
  const [message, setMessage] = useState("");
  const [error, setError] = useState<ReportRefusal>();

  const send = async () => {
    const reply = await api("POST", path, { body: { ...(kind ? { kind } : {}), message, auditEntries: [entry.sequence] } });
    if (reply.ok) {
      onClose(true);
      return;
    }
    // The server names each broken field: say why in the person's language, not the problem's general line.
    setError(reportRefusal(reply, voice, t, language));
  };

  return (
    <Modal
      variant="medium"
      title={t("studentReportMisuse")}
      isOpen
      onClose={() => onClose(false)}
      actions={[
        <Button key="send" variant="primary" onClick={() => void send()} isDisabled={!message.trim()} data-testid="send-report">
          {t("studentReportSend")}
        </Button>,
        <Button key="cancel" variant="link" onClick={() => onClose(false)}>
          {t("studentReportCancel")}
        </Button>,
      ]}
    >
      <p>
        {t("studentReportAbout", { client: entry.clientId, time: formatInstant(entry.time, language) })}
      </p>
      {error && (
        <Alert variant="danger" isInline title={error.title} className="pf-v5-u-my-md" data-testid="report-error">
          {error.lines.length > 0 && (
            <ul>
              {error.lines.map((line) => <li key={line}>{line}</li>)}
            </ul>
          )}
        </Alert>
      )}
      <Form onSubmit={(e) => { e.preventDefault(); void send(); }}>
        <FormGroup label={t("studentReportMessage")} fieldId="report-message" isRequired>
          <TextArea id="report-message" value={message} onChange={(_, v) => setMessage(v)}
            validated={error?.atMessage ? "error" : "default"} />
        </FormGroup>
      </Form>
    </Modal>
  );
};
