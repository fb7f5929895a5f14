import { Alert, Spinner } from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { formatInstant, PageFrame, problemText, useLoad } from "@student-records/shared";
import { useTranslation } from "react-i18next";
import { useLanguage, useStudentRecordsApi } from "../api";

/** A correction request as GET /me/corrections lists it: no values of the record, only what was asked and what came of it. */
type Correction = {
  id: string;
  /** PENDING, APPROVED or REJECTED. */
  status: string;
  groups: string[];
  reason: string;
  requestedAt: string;
  decidedAt: string | null;
  outcome: { decision: string; reason: string | null; recordVersion: number | null } | null;
};

/** "My corrections": the correction requests the student sent to the centre, newest first, with their status and outcome. */
export const MyCorrections = () => {
  const { t } = useTranslation();
  const language = useLanguage();
  const loaded = useLoad<{ corrections: Correction[] }>(useStudentRecordsApi(), "/me/corrections");
  const corrections = loaded.data?.corrections;
  const error = loaded.failure && problemText(loaded.failure, language);

  return (
    <PageFrame title={t("studentCorrections")} intro={t("studentCorrectionsDescription")} light>
      {error && <Alert variant="warning" isInline title={error} data-testid="load-error" />}
      {!corrections && !error && <Spinner aria-label={t("studentRecordLoading")} />}
      {corrections && corrections.length === 0 && <p data-testid="corrections-empty">{t("studentCorrectionsEmpty")}</p>}
      {corrections && corrections.length > 0 && (
        <Table aria-label={t("studentCorrections")} variant="compact" data-testid="corrections">
          <Thead>
            <Tr>
              <Th modifier="wrap">{t("studentCorrectionsRequested")}</Th>
              <Th modifier="wrap">{t("studentCorrectionsGroups")}</Th>
              <Th modifier="wrap">{t("studentRecordCorrectionReason")}</Th>
              <Th modifier="wrap">{t("studentReportsStatus")}</Th>
              <Th modifier="wrap">{t("studentReportsOutcome")}</Th>
            </Tr>
          </Thead>
          <Tbody>
            {corrections.map((c) => (
              <Tr key={c.id} data-testid={`correction-${c.id}`} data-status={c.status}>
                <Td dataLabel={t("studentCorrectionsRequested")}>{formatInstant(c.requestedAt, language, true)}</Td>
                <Td dataLabel={t("studentCorrectionsGroups")}>
                  {c.groups.map((g) => t(`studentRecordGroup.${g}`, { defaultValue: g })).join(", ")}
                </Td>
                <Td dataLabel={t("studentRecordCorrectionReason")}>{c.reason}</Td>
                <Td dataLabel={t("studentReportsStatus")} data-testid="correction-status">
                  {t(`studentCorrectionStatus.${c.status}`, { defaultValue: t("studentCorrectionStatusOther") })}
                </Td>
                <Td dataLabel={t("studentReportsOutcome")} data-testid="correction-outcome">
                  {c.outcome ? (
                    <>
                      {t(`studentCorrectionDecision.${c.outcome.decision}`, { defaultValue: t("studentCorrectionStatusOther") })}
                      {c.decidedAt && <> ({formatInstant(c.decidedAt, language, true)})</>}
                      {c.outcome.reason && (
                        <>
                          <br />
                          <small>{t("studentCorrectionsNote", { note: c.outcome.reason })}</small>
                        </>
                      )}
                    </>
                  ) : (
                    t("studentCorrectionsWaiting")
                  )}
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
    </PageFrame>
  );
};
