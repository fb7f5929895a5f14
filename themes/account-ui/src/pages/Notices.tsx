import { Alert, Card, CardBody, CardTitle, DescriptionList, DescriptionListDescription, DescriptionListGroup, DescriptionListTerm, Spinner, Title } from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { formatInstant, PageFrame, problemText, useLoad } from "@student-records/shared";
import { useTranslation } from "react-i18next";
import { useLanguage, useStudentRecordsApi } from "../api";

type IncidentNotice = {
  id: string;
  title: string;
  discoveredAt: string;
  notifiedAt: string;
  groups: string[];
  cause: string;
  harm: string;
  remedies: string;
  advice: string;
  contact: string;
};
type Told = { id: string; clientId: string; groups: string[]; changedAt: string; kind: string; acknowledgedAt?: string };

/**
 * "Notices": the incidents that concerned the student's information, with what the school told them (PIPL art. 57),
 * and the applications each change of their record was told to, with whether they acknowledged it.
 */
export const Notices = () => {
  const { t } = useTranslation();
  const language = useLanguage();
  const loaded = useLoad<{ incidents: IncidentNotice[]; told: Told[] }>(useStudentRecordsApi(), "/me/notices");
  const notices = loaded.data;
  const error = loaded.failure && problemText(loaded.failure, language);
  const groups = (list: string[]) => list.map((g) => t(`studentRecordGroup.${g}`, { defaultValue: g })).join(", ");

  return (
    <PageFrame title={t("studentNotices")} intro={t("studentNoticesDescription")} light>
      {error && <Alert variant="warning" isInline title={error} data-testid="load-error" />}
      {!notices && !error && <Spinner aria-label={t("studentRecordLoading")} />}
      {notices && (
        <>
          <Title headingLevel="h2">{t("studentNoticesIncidents")}</Title>
          {notices.incidents.length === 0 && <p data-testid="no-incidents">{t("studentNoticesNoIncidents")}</p>}
          {notices.incidents.map((n) => (
            <Card key={n.id} className="pf-v5-u-mb-md" data-testid={`incident-${n.id}`}>
              <CardTitle component="h3">{n.title}</CardTitle>
              <CardBody>
                <DescriptionList>
                  {(
                    [
                      ["studentNoticesDiscovered", formatInstant(n.discoveredAt, language)],
                      ["studentNoticesGroups", groups(n.groups)],
                      ["studentNoticesCause", n.cause],
                      ["studentNoticesHarm", n.harm],
                      ["studentNoticesRemedies", n.remedies],
                      ["studentNoticesAdvice", n.advice],
                      ["studentNoticesContact", n.contact],
                    ] as const
                  ).map(([key, value]) => (
                    <DescriptionListGroup key={key}>
                      <DescriptionListTerm>{t(key)}</DescriptionListTerm>
                      <DescriptionListDescription data-testid={key}>{value}</DescriptionListDescription>
                    </DescriptionListGroup>
                  ))}
                </DescriptionList>
              </CardBody>
            </Card>
          ))}
          <Title headingLevel="h2" className="pf-v5-u-mt-lg">
            {t("studentNoticesTold")}
          </Title>
          {notices.told.length === 0 ? (
            <p data-testid="none-told">{t("studentNoticesNoneTold")}</p>
          ) : (
            <Table aria-label={t("studentNoticesTold")} variant="compact" data-testid="told">
              <Thead>
                <Tr>
                  <Th>{t("studentNoticesChanged")}</Th>
                  <Th>{t("studentNoticesApplication")}</Th>
                  <Th>{t("studentNoticesGroups")}</Th>
                  <Th>{t("studentNoticesAcknowledged")}</Th>
                </Tr>
              </Thead>
              <Tbody>
                {notices.told.map((n) => (
                  <Tr key={n.id} data-testid={`told-${n.clientId}`}>
                    <Td dataLabel={t("studentNoticesChanged")}>{formatInstant(n.changedAt, language)}</Td>
                    <Td dataLabel={t("studentNoticesApplication")}>{n.clientId}</Td>
                    <Td dataLabel={t("studentNoticesGroups")}>{groups(n.groups)}</Td>
                    <Td dataLabel={t("studentNoticesAcknowledged")} data-testid="acknowledged">
                      {n.acknowledgedAt ? formatInstant(n.acknowledgedAt, language) : t("studentNoticesNotYet")}
                    </Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          )}
        </>
      )}
    </PageFrame>
  );
};
