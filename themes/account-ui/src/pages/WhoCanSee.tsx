import { Alert, Spinner, Title } from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { formatInstant, PageFrame, problemText, useLoad } from "@student-records/shared";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { useLanguage, useStudentRecordsApi } from "../api";
import { environment } from "../environment";

type Grants = {
  staff: { role: string; units: string[] }[];
  applications: { clientId: string; name?: string; purposes: string[]; groups: string[] }[];
  grants: {
    id?: string; clientId?: string; purpose?: string; groups?: string[]; agreementReference?: string; expiresAt?: string;
    legalBasis?: string | null; consentPurpose?: string | null;
  }[];
  guardians?: { linkId: string; username: string; relationship?: string | null; linkedAt?: string }[];
};

/**
 * "Who can see my record": staff roles and units, internal applications, grants to outside bodies (and whether one
 * rests on the student's consent), and the guardian accounts that act for the student while under 18.
 */
export const WhoCanSee = () => {
  const { t } = useTranslation();
  const language = useLanguage();
  const loaded = useLoad<Grants>(useStudentRecordsApi(), "/me/grants");
  const grants = loaded.data;
  const error = loaded.failure && problemText(loaded.failure, language);

  const groups = (list: string[] | undefined) =>
    (list ?? []).map((g) => t(`studentRecordGroup.${g}`, { defaultValue: g })).join(", ") || "—";
  const applicationsPath = `${new URL(environment.baseUrl).pathname}applications`;

  return (
    <PageFrame title={t("studentWhoCanSee")} intro={t("studentWhoCanSeeDescription")} light>
      {error && <Alert variant="warning" isInline title={error} data-testid="load-error" />}
      {!grants && !error && <Spinner aria-label={t("studentRecordLoading")} />}
      {grants && (
        <>
          <Title headingLevel="h2">{t("studentWhoCanSeeStaff")}</Title>
          <Table aria-label={t("studentWhoCanSeeStaff")} variant="compact" data-testid="staff" className="pf-v5-u-mb-lg">
            <Thead>
              <Tr>
                <Th>{t("studentWhoCanSeeRole")}</Th>
                <Th>{t("studentWhoCanSeeUnits")}</Th>
              </Tr>
            </Thead>
            <Tbody>
              {grants.staff.map((s) => (
                <Tr key={s.role}>
                  <Td dataLabel={t("studentWhoCanSeeRole")}>{t(`studentRole.${s.role}`, { defaultValue: s.role })}</Td>
                  <Td dataLabel={t("studentWhoCanSeeUnits")}>{s.units.join(", ")}</Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
          <Title headingLevel="h2">{t("studentWhoCanSeeApplications")}</Title>
          <Table aria-label={t("studentWhoCanSeeApplications")} variant="compact" data-testid="applications" className="pf-v5-u-mb-lg">
            <Thead>
              <Tr>
                <Th>{t("studentWhoCanSeeApplication")}</Th>
                <Th>{t("studentWhoCanSeePurposes")}</Th>
                <Th>{t("studentWhoCanSeeGroups")}</Th>
              </Tr>
            </Thead>
            <Tbody>
              {grants.applications.map((a) => (
                <Tr key={a.clientId} data-testid={`application-${a.clientId}`}>
                  <Td dataLabel={t("studentWhoCanSeeApplication")}>{a.name || a.clientId}</Td>
                  <Td dataLabel={t("studentWhoCanSeePurposes")}>{a.purposes.join(", ")}</Td>
                  <Td dataLabel={t("studentWhoCanSeeGroups")}>{groups(a.groups)}</Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
          <Title headingLevel="h2">{t("studentWhoCanSeeGrants")}</Title>
          {grants.grants.length === 0 ? (
            <p data-testid="no-grants">{t("studentWhoCanSeeNoGrants")}</p>
          ) : (
            <Table aria-label={t("studentWhoCanSeeGrants")} variant="compact" data-testid="grants">
              <Thead>
                <Tr>
                  <Th>{t("studentWhoCanSeeApplication")}</Th>
                  <Th>{t("studentWhoCanSeePurposes")}</Th>
                  <Th>{t("studentWhoCanSeeGroups")}</Th>
                  <Th>{t("studentWhoCanSeeAgreement")}</Th>
                  <Th>{t("studentWhoCanSeeExpires")}</Th>
                </Tr>
              </Thead>
              <Tbody>
                {grants.grants.map((g, i) => (
                  <Tr key={g.id ?? i}>
                    <Td>{g.clientId}</Td>
                    <Td>{g.purpose}</Td>
                    <Td>{groups(g.groups)}</Td>
                    <Td>
                      {g.agreementReference}
                      {g.legalBasis === "consent" && (
                        <div data-testid="relies-on-consent">
                          {t("studentWhoCanSeeReliesOnConsent", { purpose: g.consentPurpose ?? "" })}
                        </div>
                      )}
                    </Td>
                    <Td>{formatInstant(g.expiresAt, language)}</Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          )}
          <Title headingLevel="h2" className="pf-v5-u-mt-lg">{t("studentWhoCanSeeGuardians")}</Title>
          {(grants.guardians ?? []).length === 0 ? (
            <p data-testid="no-guardians">{t("studentWhoCanSeeNoGuardians")}</p>
          ) : (
            <Table aria-label={t("studentWhoCanSeeGuardians")} variant="compact" data-testid="guardians">
              <Thead>
                <Tr>
                  <Th>{t("studentWhoCanSeeGuardianAccount")}</Th>
                  <Th>{t("studentWhoCanSeeGuardianRelationship")}</Th>
                  <Th>{t("studentWhoCanSeeGuardianSince")}</Th>
                </Tr>
              </Thead>
              <Tbody>
                {(grants.guardians ?? []).map((g) => (
                  <Tr key={g.linkId} data-testid={`guardian-${g.username}`}>
                    <Td dataLabel={t("studentWhoCanSeeGuardianAccount")}>{g.username}</Td>
                    <Td dataLabel={t("studentWhoCanSeeGuardianRelationship")}>
                      {g.relationship ? t(`studentRecordRelationship.${g.relationship}`, { defaultValue: g.relationship }) : "—"}
                    </Td>
                    <Td dataLabel={t("studentWhoCanSeeGuardianSince")}>{formatInstant(g.linkedAt, language)}</Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          )}
          <p className="pf-v5-u-mt-lg">
            {t("studentWhoCanSeeConsents")} <Link to={applicationsPath}>{t("studentWhoCanSeeConsentsLink")}</Link>
          </p>
        </>
      )}
    </PageFrame>
  );
};
