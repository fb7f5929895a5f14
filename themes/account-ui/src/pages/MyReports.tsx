import { Alert, Spinner } from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { formatInstant, problemText, useStudentRecordsApi } from "../api";
import { StudentPage } from "./StudentPage";

type Report = { id: string; status: string; message: string; auditEntries: number[]; createdAt: string; outcome: string | null };

/** "My reports": the misuse reports the student sent and what became of them. */
export const MyReports = () => {
  const { t, i18n } = useTranslation();
  const api = useStudentRecordsApi();
  const [reports, setReports] = useState<Report[]>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    const controller = new AbortController();
    api<{ reports: Report[] }>("GET", "/me/reports", { signal: controller.signal })
      .then((reply) => (reply.ok ? setReports(reply.body.reports) : setError(problemText(reply))))
      .catch(() => undefined);
    return () => controller.abort();
  }, [api]);

  return (
    <StudentPage title={t("studentReports")} description={t("studentReportsDescription")}>
      {error && <Alert variant="warning" isInline title={error} />}
      {!reports && !error && <Spinner aria-label={t("studentRecordLoading")} />}
      {reports && reports.length === 0 && <p>{t("studentReportsEmpty")}</p>}
      {reports && reports.length > 0 && (
        <Table aria-label={t("studentReports")} variant="compact" data-testid="reports">
          <Thead>
            <Tr>
              <Th>{t("studentReportsSent")}</Th>
              <Th>{t("studentReportMessage")}</Th>
              <Th>{t("studentReportsEntries")}</Th>
              <Th>{t("studentReportsStatus")}</Th>
              <Th>{t("studentReportsOutcome")}</Th>
            </Tr>
          </Thead>
          <Tbody>
            {reports.map((r) => (
              <Tr key={r.id} data-testid={`report-row-${r.id}`}>
                <Td dataLabel={t("studentReportsSent")}>{formatInstant(r.createdAt, i18n.language)}</Td>
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
    </StudentPage>
  );
};
