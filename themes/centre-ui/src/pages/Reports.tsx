import {
  Button,
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
  TextInput,
} from "@patternfly/react-core";
import { useState } from "react";
import { answered, formatInstant } from "@student-records/shared";
import { list, useApi } from "../api";
import { CentrePage, Detail, type Entry, EntriesTable, LoadState, type Notice, NoticeLine, useCentreLoad, useNotices } from "../components";
import { type Key, useT } from "../i18n";

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
            <ReportCard report={r} onDone={(n) => { setNotice(n); reports.reload(); }} />
          </StackItem>
        ))}
      </Stack>
    </CentrePage>
  );
};

const ReportCard = ({ report, onDone }: { report: Report; onDone: (notice: Notice) => void }) => {
  const { t, language } = useT();
  const api = useApi();
  const noticeOf = useNotices();
  const [severity, setSeverity] = useState(report.severity ?? "MEDIUM");
  const [assignee, setAssignee] = useState(report.assignee ?? "");
  const [linked, setLinked] = useState(report.linkedEntries?.join(", ") ?? "");
  const [outcome, setOutcome] = useState("");
  const [entries, setEntries] = useState<Entry[]>();
  const id = report.id;
  const path = `/reports/${encodeURIComponent(id)}`;

  const triage = async () => {
    const body = { severity, assignee: assignee.trim() || null, linkedEntries: list(linked).map(Number).filter((n) => !isNaN(n)) };
    onDone(noticeOf(await api("POST", `${path}/triage`, { body }), t("triaged")));
  };
  const resolve = async () => {
    onDone(noticeOf(await api("POST", `${path}/resolve`, { body: { outcome: outcome.trim() } }), t("resolved")));
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
        {formatInstant(report.createdAt, language)} · {t("recordId")} {report.recordId}
      </CardTitle>
      <CardBody>
        <p className="pf-v5-u-mb-sm centre-pre">{report.message}</p>
        <p className="pf-v5-u-mb-md">
          <strong>{t("reportEntries")}:</strong> {report.auditEntries.join(", ") || "—"}{" "}
          <Button variant="link" isInline onClick={() => void loadEntries()} data-testid={`entries-${id}`}>
            {t("showEntries")}
          </Button>
        </p>
        {entries && (
          <EntriesTable entries={entries} label={t("reportEntries")} className="pf-v5-u-mb-md" />
        )}
        {report.status === "TRIAGED" && report.triagedBy && (
          <p className="pf-v5-u-mb-md" data-testid={`triaged-by-${id}`}>
            <strong>{t("triagedBy")}:</strong> {report.triagedBy}
          </p>
        )}
        {/* Resolved, the forms are gone: what the triage set stays in view. */}
        {report.status === "RESOLVED" && report.severity && (
          <DescriptionList isCompact isHorizontal className="pf-v5-u-mb-md" data-testid={`triage-of-${id}`}>
            <Detail term={t("severity")} testId={`severity-of-${id}`}>{t(`severity_${report.severity}` as Key)}</Detail>
            <Detail term={t("assignee")} testId={`assignee-of-${id}`}>{report.assignee || t("none")}</Detail>
            {report.linkedEntries.length > 0 && (
              <Detail term={t("linkedEntriesShort")}>{report.linkedEntries.join(", ")}</Detail>
            )}
            {report.triagedBy && <Detail term={t("triagedBy")}>{report.triagedBy}</Detail>}
          </DescriptionList>
        )}
        {report.status === "RESOLVED" ? (
          <p data-testid={`outcome-${id}`}>
            <strong>{t("outcome")}:</strong> {report.outcome} ({report.decidedBy}, {formatInstant(report.decidedAt, language)})
          </p>
        ) : (
          <Grid hasGutter>
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
                  <TextInput id={`assignee-${id}`} value={assignee} onChange={(_e, v) => setAssignee(v)} />
                </FormGroup>
                <FormGroup label={t("linkedEntries")} fieldId={`linked-${id}`}>
                  <TextInput id={`linked-${id}`} value={linked} onChange={(_e, v) => setLinked(v)} />
                </FormGroup>
                <div>
                  <Button type="submit" variant="secondary" data-testid={`triage-${id}`}>{t("triage")}</Button>
                </div>
              </Form>
            </GridItem>
            <GridItem md={6}>
              <Form onSubmit={(e) => { e.preventDefault(); void resolve(); }}>
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
      </CardBody>
    </Card>
  );
};
