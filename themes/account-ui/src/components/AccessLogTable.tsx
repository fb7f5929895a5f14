import {
  Alert,
  Button,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Form,
  FormGroup,
  FormHelperText,
  FormSelect,
  FormSelectOption,
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
  type Language,
  operationText,
  outcomeOf,
  problemText,
  startOfLocalDay,
  startOfNextLocalDay,
  useLoad,
} from "@student-records/shared";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { type Actor, actorKindText, actorKinds, actorText, clientName } from "../actors";
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
  actor?: Actor;
};

/** A page of the log, filtered by the server, with how many entries match and the purposes to filter by. */
type LogPage = { entries: AccessEntry[]; total?: number; purposes?: string[] };

const PAGE_SIZE = 20;

/**
 * An access log (GET {@code logPath}: the student's own, or a child's for a guardian), newest first, paged; dates, who
 * and purpose are filters the server applies to the whole log. Each entry says who acted, in the reader's voice, to the
 * second, and can be reported as misuse (POST {@code reportPath}, with the report's {@code kind} where the endpoint
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
    if (who) query.set("who", who);
    if (purpose) query.set("purpose", purpose);
    return `${logPath}?${query}`;
  }, [logPath, offset, from, to, who, purpose, fromInvalid, toInvalid]);
  const log = useLoad<LogPage>(api, path);
  const entries = useMemo(() => log.data?.entries ?? [], [log.data]);
  const total = log.data?.total;
  // The purposes to choose from: those of the log, and the one chosen even when a date range has none of it.
  const purposes = useMemo(() => [...new Set([...(log.data?.purposes ?? []), ...(purpose ? [purpose] : [])])].sort(),
    [log.data, purpose]);
  const lastPage = total === undefined ? entries.length < PAGE_SIZE : offset + PAGE_SIZE >= total;
  const refilter = (change: () => void) => { setOffset(0); change(); };

  return (
    <>
      {log.failure && <Alert variant="warning" isInline title={problemText(log.failure, language)} data-testid="load-error" />}
      {sent && <Alert variant="success" isInline title={sent} data-testid="report-sent" />}
      <Toolbar>
        <ToolbarContent>
          <ToolbarItem>
            <FormGroup label={t("studentAccessLogFrom")} fieldId="log-from">
              <TextInput id="log-from" type="date" value={from} onChange={(_, v) => refilter(() => setFrom(v))}
                validated={fromInvalid ? "error" : "default"} aria-describedby={fromInvalid ? "log-from-error" : undefined} />
              {fromInvalid && <DateError id="log-from-error" text={clientText(language, "invalidDate")} />}
            </FormGroup>
          </ToolbarItem>
          <ToolbarItem>
            <FormGroup label={t("studentAccessLogTo")} fieldId="log-to">
              <TextInput id="log-to" type="date" value={to} onChange={(_, v) => refilter(() => setTo(v))}
                validated={toInvalid ? "error" : "default"} aria-describedby={toInvalid ? "log-to-error" : undefined} />
              {toInvalid && <DateError id="log-to-error" text={clientText(language, "invalidDate")} />}
            </FormGroup>
          </ToolbarItem>
          <ToolbarItem>
            <FormGroup label={t("studentAccessLogWho")} fieldId="log-who">
              <FormSelect id="log-who" value={who} onChange={(_, v) => refilter(() => setWho(v))}>
                <FormSelectOption value="" label={t("studentAccessLogAnyone")} />
                {actorKinds(voice).map((k) => <FormSelectOption key={k} value={k} label={actorKindText(k, t, voice)} />)}
              </FormSelect>
            </FormGroup>
          </ToolbarItem>
          <ToolbarItem>
            <FormGroup label={t("studentAccessLogPurpose")} fieldId="log-purpose">
              <FormSelect id="log-purpose" value={purpose} onChange={(_, v) => refilter(() => setPurpose(v))}>
                <FormSelectOption value="" label={t("studentAccessLogAnyPurpose")} />
                {purposes.map((p) => <FormSelectOption key={p} value={p} label={p} />)}
              </FormSelect>
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
          {entries.map((e) => (
            <Tr key={e.sequence} data-testid={`entry-${e.sequence}`} data-client={e.clientId} data-operation={e.operation}
              data-outcome={outcomeOf(e) ?? ""} data-actor={e.actor?.kind ?? ""}>
              <Td dataLabel={t("studentAccessLogWhen")} data-testid={`time-${e.sequence}`}>{formatInstant(e.time, language, true)}</Td>
              <Td dataLabel={t("studentAccessLogWho")} data-testid={`who-${e.sequence}`}>
                {actorText(e, t, voice)}
                {e.actor && e.actor.kind !== "APPLICATION" && (
                  <>
                    <br />
                    <small>{t("studentAccessLogThrough", { client: clientName(e, t) })}</small>
                  </>
                )}
                {isImpersonated(e) && (
                  <>
                    <br />
                    <small data-testid={`impersonated-${e.sequence}`}>{t("studentAccessLogImpersonated")}</small>
                  </>
                )}
              </Td>
              <Td dataLabel={t("studentAccessLogPurpose")}>{e.purpose ?? "—"}{e.grantId ? ` (${e.grantId})` : ""}</Td>
              <Td dataLabel={t("studentAccessLogWhat")} data-testid={`what-${e.sequence}`}>{whatText(e, t, language)}</Td>
              <Td dataLabel={t("studentAccessLogDecision")} data-testid={`outcome-${e.sequence}`}>
                {entryResultText(e, language)}
              </Td>
              <Td dataLabel={t("studentAccessLogActions")}>
                <Button variant="link" isInline onClick={() => { setSent(undefined); setReporting(e); }} data-testid={`report-${e.sequence}`}
                  aria-label={t("studentReportThisAccess", { time: formatInstant(e.time, language, true), who: actorText(e, t, voice) })}>
                  {t("studentReportAccess")}
                </Button>
              </Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
      {entries.length === 0 && log.data && <p data-testid="log-empty">{t("studentAccessLogEmpty")}</p>}
      {total !== undefined && total > 0 && (
        <p className="pf-v5-u-my-sm" data-testid="log-range">
          {t("studentAccessLogRange", { first: Math.min(offset + 1, total), last: Math.min(offset + entries.length, total), total })}
        </p>
      )}
      <Button variant="secondary" isDisabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))} data-testid="newer">
        {t("studentAccessLogNewer")}
      </Button>{" "}
      <Button variant="secondary" isDisabled={lastPage} onClick={() => setOffset(offset + PAGE_SIZE)} data-testid="older">
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

/** What was tried, in the person's language: the operation and the groups it covered. */
function whatText(e: AccessEntry, t: (key: string, options?: Record<string, unknown>) => string, language: Language): string {
  const groups = e.groups.map((g) => t(`studentRecordGroup.${g}`, { defaultValue: g })).join(", ");
  return groups ? `${operationText(e.operation, language)}: ${groups}` : operationText(e.operation, language);
}

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
      <p>{t("studentReportAboutEntry")}</p>
      <DescriptionList isHorizontal isCompact className="pf-v5-u-my-md" data-testid="report-entry">
        <DescriptionListGroup>
          <DescriptionListTerm>{t("studentAccessLogWhen")}</DescriptionListTerm>
          <DescriptionListDescription data-testid="report-entry-time">{formatInstant(entry.time, language, true)}</DescriptionListDescription>
        </DescriptionListGroup>
        <DescriptionListGroup>
          <DescriptionListTerm>{t("studentAccessLogWho")}</DescriptionListTerm>
          <DescriptionListDescription data-testid="report-entry-who">
            {actorText(entry, t, voice)} ({clientName(entry, t)})
          </DescriptionListDescription>
        </DescriptionListGroup>
        <DescriptionListGroup>
          <DescriptionListTerm>{t("studentAccessLogWhat")}</DescriptionListTerm>
          <DescriptionListDescription data-testid="report-entry-what">{whatText(entry, t, language)}</DescriptionListDescription>
        </DescriptionListGroup>
      </DescriptionList>
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
