import {
  Button,
  Checkbox,
  ExpandableSection,
  Card,
  CardBody,
  CardTitle,
  DescriptionList,
  Form,
  FormGroup,
  FormSelect,
  FormSelectOption,
  Grid,
  GridItem,
  Label,
  Stack,
  StackItem,
  TextArea,
} from "@patternfly/react-core";
import { useState } from "react";
import { answered, formatInstant, operationText } from "@student-records/shared";
import { useApi } from "../api";
import { CentrePage, Detail, type Entry, EntriesTable, LoadState, type Notice, NoticeLine, useCentreLoad, useNotices } from "../components";
import { ConfirmDialog } from "../feedback";
import { type Key, useT } from "../i18n";
import { personLabel, type Person, useAssignees, usePeople } from "../people";
import { ADMIN, useRoles } from "../roles";

type Report = {
  id: string;
  recordId: string;
  status: string;
  message: string;
  auditEntries: number[];
  linkedEntries: number[];
  severity: string | null;
  assignee: string | null;
  createdAt: string;
  triagedBy: string | null;
  outcome: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
  sentBy?: string | null;
};

/** What the list shows: what still needs the centre (open or triaged: the default), one status, or everything. */
const FILTERS = ["UNRESOLVED", "OPEN", "TRIAGED", "RESOLVED", "ALL"];
const SEVERITIES = ["LOW", "MEDIUM", "HIGH"];

/** Misuse reports: the list by status, triage (severity, assignee, linked entries), resolution with an outcome. */
export const Reports = () => {
  const { t } = useT();
  const [filter, setFilter] = useState("UNRESOLVED");
  // A triaged report still needs the centre: the default list keeps it until it is resolved.
  const whole = filter === "ALL" || filter === "UNRESOLVED";
  const reports = useCentreLoad<{ reports: Report[] }>(whole ? "/reports" : `/reports?status=${filter}`);
  const shown = reports.data?.reports.filter((r) => filter !== "UNRESOLVED" || r.status !== "RESOLVED");
  const [notice, setNotice] = useState<Notice>();
  const { assignees, nameOfUsername } = useAssignees();
  return (
    <CentrePage title={t("reports")} intro={t("reportsIntro")}>
      <NoticeLine notice={notice} testId="report-message" />
      <Form isHorizontal className="pf-v5-u-mb-md" onSubmit={(e) => e.preventDefault()}>
        <FormGroup label={t("reportFilter")} fieldId="report-filter">
          <FormSelect id="report-filter" value={filter} onChange={(_e, v) => setFilter(v)} data-testid="report-filter">
            {FILTERS.map((f) => (
              <FormSelectOption key={f} value={f} label={t(`status_${f}` as Key)} />
            ))}
          </FormSelect>
        </FormGroup>
      </Form>
      <LoadState loaded={reports} />
      {shown && shown.length === 0 && <p>{t("reportsEmpty")}</p>}
      <Stack hasGutter>
        {shown?.map((r) => (
          <StackItem key={r.id}>
            <ReportCard report={r} assignees={assignees} nameOfUsername={nameOfUsername}
              onDone={(n) => { setNotice(n); reports.reload(); }} />
          </StackItem>
        ))}
      </Stack>
    </CentrePage>
  );
};

const ReportCard = ({ report, assignees, nameOfUsername, onDone }: {
  report: Report;
  /** The administrators and supervisors the report may be assigned to; undefined while they load. */
  assignees: Person[] | undefined;
  nameOfUsername: (username: string | null | undefined) => string;
  onDone: (notice: Notice) => void;
}) => {
  const { t, language } = useT();
  const api = useApi();
  const noticeOf = useNotices();
  const [severity, setSeverity] = useState(report.severity ?? "MEDIUM");
  const [assignee, setAssignee] = useState(report.assignee ?? "");
  const [linked, setLinked] = useState<number[]>(report.linkedEntries ?? []);
  const [outcome, setOutcome] = useState("");
  const [entries, setEntries] = useState<Entry[]>();
  const [resolving, setResolving] = useState(false);
  const [student, setStudent] = useState<string>();
  const nameOfId = usePeople(entries?.map((e) => e.subject) ?? []);
  // Triage and the student's name (a read of the record) are the administrators'; a supervisor may resolve only.
  const admin = useRoles().includes(ADMIN);
  const id = report.id;
  const path = `/reports/${encodeURIComponent(id)}`;
  // The assignee kept on the report stays a choice even when no longer among the centre's people.
  const choices = [...(assignees ?? [])];
  if (report.assignee && !choices.some((p) => p.username === report.assignee)) {
    choices.push({ id: report.assignee, username: report.assignee, firstName: "", lastName: "" });
  }

  const triage = async () => {
    const body = { severity, assignee: assignee || null, linkedEntries: linked };
    onDone(noticeOf(await api("POST", `${path}/triage`, { body }), t("triagedWhat", {
      severity: t(`severity_${severity}` as Key), assignee: assignee ? nameOfUsername(assignee) : t("none") })));
  };
  const resolve = async () => {
    const reply = await api("POST", `${path}/resolve`, { body: { outcome: outcome.trim() } });
    setResolving(false);
    onDone(noticeOf(reply, t("resolvedWhat")));
  };
  // The student by name and number: read from the record on request (an administrator's READ, on the student's access
  // log), not on every visit of the page, since a report names only the record.
  const showStudent = async () => {
    const reply = await api<{ profile?: { name?: string; studentNumber?: string } }>("GET",
      `/records/${encodeURIComponent(report.recordId)}`);
    if (answered(reply) && reply.body.profile) {
      setStudent(`${reply.body.profile.name ?? ""} (${reply.body.profile.studentNumber ?? ""})`);
    } else {
      onDone(noticeOf(reply, ""));
    }
  };
  const loadEntries = async () => {
    const reply = await api<{ entries: Entry[] }>("GET", `${path}/entries`);
    if (answered(reply)) {
      setEntries(reply.body.entries);
    } else {
      onDone(noticeOf(reply, ""));
    }
  };

  return (
    <Card data-testid={`report-${id}`} data-status={report.status}>
      <CardTitle component="h2">
        <Label color={report.status === "RESOLVED" ? "green" : report.status === "TRIAGED" ? "blue" : "orange"}
          className="pf-v5-u-mr-sm">
          {t(`status_${report.status}` as Key)}
        </Label>
        {formatInstant(report.createdAt, language)} ·{" "}
        {student ? <span data-testid={`student-${id}`}>{student}</span> : <>{t("recordId")} {report.recordId}</>}
      </CardTitle>
      <CardBody>
        {report.sentBy && (
          <p className="pf-v5-u-mb-sm" data-testid={`sent-by-${id}`}>
            <strong>{t("reportSentBy")}:</strong> {report.sentBy}
          </p>
        )}
        {admin && !student && (
          <p className="pf-v5-u-mb-sm">
            <Button variant="link" isInline onClick={() => void showStudent()} data-testid={`show-student-${id}`}>
              {t("reportShowStudent")}
            </Button>
          </p>
        )}
        <p className="pf-v5-u-mb-sm centre-pre">{report.message}</p>
        <p className="pf-v5-u-mb-md">
          <strong>{t("reportEntries")}:</strong> {report.auditEntries.join(", ") || "—"}{" "}
          <Button variant="link" isInline onClick={() => void loadEntries()} data-testid={`entries-${id}`}>
            {t("showEntries")}
          </Button>
        </p>
        {entries && (
          <EntriesTable entries={entries} label={t("reportEntries")} className="pf-v5-u-mb-md" nameOf={nameOfId} />
        )}
        {report.status === "TRIAGED" && report.triagedBy && (
          <p className="pf-v5-u-mb-md" data-testid={`triaged-by-${id}`}>
            <strong>{t("triagedBy")}:</strong> {nameOfUsername(report.triagedBy)}
          </p>
        )}
        {/* Resolved, the forms are gone: what the triage set stays in view. */}
        {report.status === "RESOLVED" && report.severity && (
          <DescriptionList isCompact isHorizontal className="pf-v5-u-mb-md" data-testid={`triage-of-${id}`}>
            <Detail term={t("severity")} testId={`severity-of-${id}`}>{t(`severity_${report.severity}` as Key)}</Detail>
            <Detail term={t("assignee")} testId={`assignee-of-${id}`}>
              {report.assignee ? nameOfUsername(report.assignee) : t("none")}
            </Detail>
            {report.linkedEntries.length > 0 && (
              <Detail term={t("linkedEntriesShort")}>{report.linkedEntries.join(", ")}</Detail>
            )}
            {report.triagedBy && <Detail term={t("triagedBy")}>{nameOfUsername(report.triagedBy)}</Detail>}
          </DescriptionList>
        )}
        {report.status === "RESOLVED" ? (
          <p data-testid={`outcome-${id}`}>
            <strong>{t("outcome")}:</strong> {report.outcome} ({nameOfUsername(report.decidedBy)}, {formatInstant(report.decidedAt, language)})
          </p>
        ) : (
          <Grid hasGutter>
            {admin && (
              <GridItem md={6}>
                <Form onSubmit={(e) => { e.preventDefault(); void triage(); }}>
                  <FormGroup label={t("severity")} fieldId={`severity-${id}`}>
                    <FormSelect id={`severity-${id}`} value={severity} onChange={(_e, v) => setSeverity(v)}>
                      {SEVERITIES.map((s) => (
                        <FormSelectOption key={s} value={s} label={t(`severity_${s}` as Key)} />
                      ))}
                    </FormSelect>
                  </FormGroup>
                  <FormGroup label={t("assignee")} fieldId={`assignee-${id}`}>
                    <FormSelect id={`assignee-${id}`} value={assignee} onChange={(_e, v) => setAssignee(v)}
                      data-testid={`assignee-${id}`}>
                      <FormSelectOption value="" label={t("assigneeChoose")} />
                      {choices.map((p) => (
                        <FormSelectOption key={p.username} value={p.username} label={personLabel(p)} />
                      ))}
                    </FormSelect>
                  </FormGroup>
                  <LinkedEntries reportId={id} recordId={report.recordId} chosen={linked} onChange={setLinked} />
                  <div>
                    <Button type="submit" variant="secondary" data-testid={`triage-${id}`}>{t("triage")}</Button>
                  </div>
                </Form>
              </GridItem>
            )}
            <GridItem md={admin ? 6 : 12}>
              <Form onSubmit={(e) => { e.preventDefault(); setResolving(true); }}>
                <FormGroup label={t("outcome")} isRequired fieldId={`outcome-${id}`}>
                  <TextArea id={`outcome-${id}`} isRequired value={outcome} onChange={(_e, v) => setOutcome(v)}
                    resizeOrientation="vertical" />
                </FormGroup>
                <div>
                  <Button type="submit" variant="primary" data-testid={`resolve-${id}`}>{t("resolve")}</Button>
                </div>
              </Form>
            </GridItem>
          </Grid>
        )}
        {resolving && (
          <ConfirmDialog title={t("resolve")} confirmLabel={t("resolve")} onConfirm={resolve}
            onClose={() => setResolving(false)} testId="confirm-resolve-report">
            <p className="centre-pre">{outcome.trim()}</p>
            <p className="pf-v5-u-mt-md">{t("resolvedWhat")}</p>
          </ConfirmDialog>
        )}
      </CardBody>
    </Card>
  );
};

/**
 * The entries of the student's access log to link to a report, picked rather than typed: the record's audit entries
 * (GET /audit?record=, read once the section is opened) as checkboxes, newest first; entries linked already stay
 * chosen even when the log cannot be read.
 */
const LinkedEntries = ({ reportId, recordId, chosen, onChange }: {
  reportId: string;
  recordId: string;
  chosen: number[];
  onChange: (chosen: number[]) => void;
}) => {
  const { t, language } = useT();
  const api = useApi();
  const [open, setOpen] = useState(false);
  const [log, setLog] = useState<{ entries?: Entry[]; status?: number }>();
  const nameOf = usePeople(log?.entries?.map((e) => e.subject) ?? []);
  const toggle = (expanded: boolean) => {
    setOpen(expanded);
    if (expanded && log === undefined) {
      void api<{ entries: Entry[] }>("GET", `/audit?record=${encodeURIComponent(recordId)}&limit=200`).then((reply) =>
        setLog(answered(reply) ? { entries: [...reply.body.entries].sort((a, b) => b.sequence - a.sequence) }
          : { status: reply.status }));
    }
  };
  const shown = log?.entries ?? [];
  const stray = chosen.filter((n) => !shown.some((e) => e.sequence === n));
  return (
    <ExpandableSection toggleText={`${t("linkedEntriesPick")}${chosen.length > 0 ? ` (${chosen.length})` : ""}`}
      isExpanded={open} onToggle={(_e, expanded) => toggle(expanded)} data-testid={`linked-${reportId}`}>
      <div role="group" aria-label={t("linkedEntriesPick")} className="centre-pick-list">
        {log?.status !== undefined && <p>{t("linkedEntriesUnavailable", { status: log.status })}</p>}
        {log?.entries && log.entries.length === 0 && <p>{t("linkedEntriesNone")}</p>}
        {[...stray.map((sequence) => ({ sequence, label: `#${sequence}` })), ...shown.map((e) => ({
          sequence: e.sequence,
          label: t("linkedEntryLabel", { sequence: e.sequence, time: formatInstant(e.time, language),
            operation: operationText(e.operation, language),
            who: [e.clientId, e.subject ? nameOf(e.subject) : undefined].filter(Boolean).join(" · ") }),
        }))].map(({ sequence, label }) => (
          <Checkbox key={sequence} id={`linked-${reportId}-${sequence}`} label={label} isChecked={chosen.includes(sequence)}
            data-testid={`linked-${reportId}-${sequence}`}
            onChange={(_e, checked) => onChange(checked ? [...chosen, sequence] : chosen.filter((n) => n !== sequence))} />
        ))}
      </div>
    </ExpandableSection>
  );
};
