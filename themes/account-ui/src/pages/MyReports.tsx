import { Alert, Spinner, Title } from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { formatInstant, PageFrame, problemText, useLoad } from "@student-records/shared";
import { useTranslation } from "react-i18next";
import { useLanguage, useStudentRecordsApi } from "../api";
import { QuestionForm } from "../components/QuestionForm";

type Report = {
  id: string; status: string; message: string; auditEntries: number[]; createdAt: string; outcome: string | null; kind?: string;
};

/** "My reports": the questions and misuse reports the student sent and what became of them, and a form for another. */
export const MyReports = () => {
  const { t } = useTranslation();
  const language = useLanguage();
  const loaded = useLoad<{ reports: Report[] }>(useStudentRecordsApi(), "/me/reports");
  const reports = loaded.data?.reports;
  const error = loaded.failure && problemText(loaded.failure, language);

  return (
    <PageFrame title={t("studentReports")} intro={t("studentReportsDescription")} light>
      {error && <Alert variant="warning" isInline title={error} data-testid="load-error" />}
      {!reports && !error && <Spinner aria-label={t("studentRecordLoading")} />}
      {reports && reports.length === 0 && <p>{t("studentReportsEmpty")}</p>}
      {reports && reports.length > 0 && (
        <Table aria-label={t("studentReports")} variant="compact" data-testid="reports">
          <Thead>
            <Tr>
              <Th>{t("studentReportsSent")}</Th>
              <Th>{t("studentReportsKind")}</Th>
              <Th>{t("studentReportMessage")}</Th>
              <Th>{t("studentReportsEntries")}</Th>
              <Th>{t("studentReportsStatus")}</Th>
              <Th>{t("studentReportsOutcome")}</Th>
            </Tr>
          </Thead>
          <Tbody>
            {reports.map((r) => (
              <Tr key={r.id} data-testid={`report-row-${r.id}`}>
                <Td dataLabel={t("studentReportsSent")}>{formatInstant(r.createdAt, language)}</Td>
                <Td dataLabel={t("studentReportsKind")} data-testid="report-kind">
                  {t(`guardianReportKind.${r.kind ?? "MISUSE"}`, { defaultValue: r.kind ?? "" })}
                </Td>
                <Td dataLabel={t("studentReportMessage")}>{r.message}</Td>
                <Td dataLabel={t("studentReportsEntries")}>{r.auditEntries.join(", ")}</Td>
                <Td dataLabel={t("studentReportsStatus")} data-testid="report-status">
                  {t(`studentReportStatus.${r.status}`, { defaultValue: r.status })}
                </Td>
                <Td dataLabel={t("studentReportsOutcome")}>{r.outcome ?? "—"}</Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      <Title headingLevel="h2" className="pf-v5-u-mt-lg pf-v5-u-mb-md">{t("studentReportsAsk")}</Title>
      <QuestionForm path="/me/reports" voice="student" onSent={loaded.reload} />
    </PageFrame>
  );
};
