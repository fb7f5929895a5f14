import {
  ActionGroup,
  Alert,
  Button,
  Form,
  FormGroup,
  Label,
  Progress,
  Switch,
  Title,
} from "@patternfly/react-core";
import { ArrowLeftIcon } from "@patternfly/react-icons";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { type FieldError } from "@student-records/shared";
import { type FormEvent, useState } from "react";
import { FieldErrorText, useProblemText } from "../../components";
import { useToast } from "../../feedback";
import { type Key, useT } from "../../i18n";
import { useFieldErrorText } from "./EnrolForm";
import { fieldOfAnyGuardian } from "./fields";
import { formatOf, prepareImport } from "./importFile";
import { useTextSender } from "./recordsApi";

/** How many rows each call carries: small enough that the progress moves, large enough to keep calls few. */
const ROWS_PER_CALL = 50;

type ServerRow = { row: number; status: "created" | "failed"; id?: string; errors?: FieldError[] };
type ImportReport = { imported: number; failed: number; rows: ServerRow[] };
type ReportRow = ServerRow & { studentNumber?: string };

/**
 * Bulk enrolment from a CSV or NDJSON file: sent part by part with the progress shown, then a report of every row,
 * the student number the file gives for it, enrolled (with a way to open the record) or refused with each reason at
 * its field's label.
 */
export const ImportRecords = ({ onBack, onOpen }: { onBack: () => void; onOpen: (id: string) => void }) => {
  const { t } = useT();
  const problemText = useProblemText();
  const send = useTextSender();
  const toast = useToast();
  const errorText = useFieldErrorText();
  const [file, setFile] = useState<File>();
  const [fileError, setFileError] = useState<string>();
  const [progress, setProgress] = useState<{ done: number; total: number }>();
  const [rows, setRows] = useState<ReportRow[]>([]);
  const [stopped, setStopped] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [onlyRefused, setOnlyRefused] = useState(false);

  const fieldLabel = (path: string) => {
    const found = fieldOfAnyGuardian(path);
    if (!found) {
      return path;
    }
    const name = t(`recField_${found.field}` as Key);
    return found.guardian ? `${name} ${found.guardian}` : name;
  };

  const start = async (event: FormEvent) => {
    event.preventDefault();
    const format = file ? formatOf(file.name) : undefined;
    if (!file || !format) {
      setFileError(t("recImportUnknownType"));
      return;
    }
    let text: string;
    try {
      text = await file.text();
    } catch {
      setFileError(t("fileUnreadable"));
      return;
    }
    const prepared = prepareImport(text, format, ROWS_PER_CALL);
    if (prepared.total === 0) {
      setFileError(t("recImportEmpty"));
      return;
    }
    setBusy(true);
    setRows([]);
    setStopped(undefined);
    setProgress({ done: 0, total: prepared.total });
    const all: ReportRow[] = [];
    for (const part of prepared.parts) {
      const reply = await send<ImportReport>("/records:import", format, part.body);
      if (!reply.ok || !reply.body) {
        const problem = problemText(reply);
        setStopped(t("recImportStopped", { row: part.firstRow, problem }));
        toast({ variant: "danger", text: t("recImportStopped", { row: part.firstRow, problem }), testId: "import-stopped" });
        break;
      }
      for (const row of reply.body.rows) {
        const number = part.firstRow + row.row - 1;
        all.push({ ...row, row: number, studentNumber: prepared.studentNumbers[number - 1] });
      }
      setRows([...all]);
      setProgress({ done: part.firstRow - 1 + part.rows, total: prepared.total });
    }
    setBusy(false);
    const imported = all.filter((r) => r.status === "created").length;
    const failed = all.length - imported;
    toast({ variant: failed > 0 ? "warning" : "success", text: t("recImportDone", { imported, failed }), testId: "import-done" });
  };

  const shown = onlyRefused ? rows.filter((r) => r.status === "failed") : rows;
  const imported = rows.filter((r) => r.status === "created").length;

  return (
    <div data-testid="import-view">
      <Button variant="link" icon={<ArrowLeftIcon />} onClick={onBack} className="pf-v5-u-mb-md" data-testid="back-to-search">
        {t("recBackToSearch")}
      </Button>
      <Title headingLevel="h2" className="pf-v5-u-mb-sm">{t("recImportTitle")}</Title>
      <p className="pf-v5-u-mb-md">{t("recImportIntro")}</p>
      <Form onSubmit={(e) => void start(e)} isWidthLimited>
        <FormGroup label={t("recImportFile")} isRequired fieldId="import-file">
          <input id="import-file" type="file" accept=".csv,.ndjson,.jsonl,text/csv,application/x-ndjson" required
            className="pf-v5-c-form-control" aria-describedby={fileError ? "import-file-error" : undefined}
            onChange={(e) => { setFile(e.target.files?.[0]); setFileError(undefined); }} />
          {fileError && <FieldErrorText id="import-file-error" text={fileError} />}
        </FormGroup>
        <ActionGroup>
          <Button type="submit" variant="primary" isDisabled={busy} isLoading={busy} data-testid="import-start">
            {t("recImportStart")}
          </Button>
        </ActionGroup>
      </Form>
      {progress && (
        <Progress className="pf-v5-u-mt-lg" value={progress.done} max={progress.total} data-testid="import-progress"
          data-finished={!busy ? "true" : "false"}
          title={file?.name ?? t("recImportTitle")}
          label={t("recImportProgress", { done: progress.done, total: progress.total })}
          valueText={t("recImportProgress", { done: progress.done, total: progress.total })} />
      )}
      {stopped && <Alert isInline variant="danger" title={stopped} className="pf-v5-u-mt-md" />}
      {rows.length > 0 && (
        <>
          <Title headingLevel="h3" className="pf-v5-u-mt-xl pf-v5-u-mb-sm">{t("recImportReport")}</Title>
          <p data-testid="import-summary">{t("recImportDone", { imported, failed: rows.length - imported })}</p>
          <Switch id="import-only-refused" label={t("recImportOnlyRefused")} isChecked={onlyRefused}
            onChange={(_e, checked) => setOnlyRefused(checked)} className="pf-v5-u-my-md" />
          <Table aria-label={t("recImportReport")} variant="compact" data-testid="import-report">
            <Thead>
              <Tr>
                <Th>{t("recImportRow")}</Th>
                <Th>{t("recNumber")}</Th>
                <Th>{t("recImportResult")}</Th>
                <Th>{t("recImportWhy")}</Th>
              </Tr>
            </Thead>
            <Tbody>
              {shown.map((r) => (
                <Tr key={r.row} data-testid={`import-row-${r.row}`} data-status={r.status}>
                  <Td dataLabel={t("recImportRow")}>{r.row}</Td>
                  <Td dataLabel={t("recNumber")}>{r.studentNumber ?? "—"}</Td>
                  <Td dataLabel={t("recImportResult")}>
                    <Label color={r.status === "created" ? "green" : "red"}>
                      {r.status === "created" ? t("recImportEnrolled") : t("recImportRefused")}
                    </Label>
                  </Td>
                  <Td dataLabel={t("recImportWhy")} data-testid="why">
                    {r.status === "created" && r.id ? (
                      <Button variant="link" isInline onClick={() => onOpen(r.id ?? "")}>{t("recImportOpen")}</Button>
                    ) : (
                      <ul>
                        {(r.errors ?? []).map((e, i) => <li key={i}>{errorText(fieldLabel(e.field), e)}</li>)}
                      </ul>
                    )}
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        </>
      )}
    </div>
  );
};
