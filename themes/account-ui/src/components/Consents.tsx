import { Alert, Button, Spinner } from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { formatInstant, problemText, useLoad } from "@student-records/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useLanguage, useStudentRecordsApi } from "../api";
import { type Consent, consentStatus, decidedByOther, purposeText } from "../consents";

/**
 * The consents of one student (GET {@code path}: /me/consents, or a child's for a guardian): per purpose of the realm
 * its text and the outside bodies whose grants rely on it, whether it is given, by the student or a guardian and
 * when, under which version of the text; one button gives it and one
 * withdraws it (PUT {@code path}/{purpose} with {"given": true|false}), as easily one way as the other. With
 * {@code decidedElsewhere} the list is shown without buttons and that line says who decides; the same once the API
 * refused a change because someone else decides (under 14 the guardian, from 14 the student).
 */
export const Consents = ({ path, decidedElsewhere }: { path: string; decidedElsewhere?: string }) => {
  const { t } = useTranslation();
  const language = useLanguage();
  const api = useStudentRecordsApi();
  const loaded = useLoad<{ consents: Consent[] }>(api, path);
  const consents = loaded.data?.consents;
  const [message, setMessage] = useState<{ variant: "success" | "danger"; text: string }>();
  const [busy, setBusy] = useState<string>();
  // Once the API said that someone else decides (the age rule), no button is offered any more: each would be refused.
  const [refusedByAge, setRefusedByAge] = useState(false);
  const readOnly = decidedElsewhere !== undefined || refusedByAge;

  const decide = async (consent: Consent, given: boolean) => {
    setMessage(undefined);
    setBusy(consent.purpose);
    const reply = await api("PUT", `${path}/${encodeURIComponent(consent.purpose)}`, { body: { given } });
    setBusy(undefined);
    const purpose = purposeText(consent, language);
    if (reply.ok) {
      setMessage({ variant: "success", text: t(given ? "consentGivenNow" : "consentWithdrawnNow", { purpose }) });
      loaded.reload();
    } else {
      setMessage({ variant: "danger", text: t("consentNotChanged", { purpose, reason: problemText(reply, language) }) });
      setRefusedByAge(decidedByOther(reply.problem?.type));
    }
  };

  return (
    <>
      {decidedElsewhere && <Alert variant="info" isInline title={decidedElsewhere} data-testid="consents-decided-elsewhere" className="pf-v5-u-mb-md" />}
      {message && <Alert variant={message.variant} isInline title={message.text} data-testid="consent-message" className="pf-v5-u-mb-md" />}
      {loaded.failure && <Alert variant="warning" isInline title={problemText(loaded.failure, language)} data-testid="load-error" />}
      {!consents && !loaded.failure && <Spinner aria-label={t("consentsLoading")} />}
      {consents && consents.length === 0 && <p data-testid="no-consents">{t("consentsNone")}</p>}
      {consents && consents.length > 0 && (
        <Table aria-label={t("consentsTable")} variant="compact" data-testid="consents">
          <Thead>
            <Tr>
              <Th modifier="wrap">{t("consentPurpose")}</Th>
              <Th modifier="wrap">{t("consentStatus")}</Th>
              <Th modifier="wrap">{t("consentBy")}</Th>
              <Th modifier="wrap">{t("consentAt")}</Th>
              <Th modifier="wrap">{t("consentTextVersion")}</Th>
              {!readOnly && <Th screenReaderText={t("consentActions")} />}
            </Tr>
          </Thead>
          <Tbody>
            {consents.map((c) => {
              const status = consentStatus(c);
              return (
                <Tr key={c.purpose} data-testid={`consent-${c.purpose}`} data-status={status}>
                  <Td dataLabel={t("consentPurpose")}>
                    {purposeText(c, language)}
                    {c.reliedOnBy && c.reliedOnBy.length > 0 && (
                      <>
                        <br />
                        <small data-testid={`relied-on-by-${c.purpose}`}>{t("consentReliedOnBy", { clients: c.reliedOnBy.join(", ") })}</small>
                      </>
                    )}
                  </Td>
                  <Td dataLabel={t("consentStatus")} data-testid={`consent-status-${c.purpose}`}>{t(`consentStatus.${status}`)}</Td>
                  <Td dataLabel={t("consentBy")}>{c.byRole ? t(`consentBy.${c.byRole}`, { defaultValue: c.byRole }) : "—"}</Td>
                  <Td dataLabel={t("consentAt")}>{formatInstant(c.at, language)}</Td>
                  <Td dataLabel={t("consentTextVersion")}>{c.textVersion ?? "—"}</Td>
                  {!readOnly && (
                    <Td dataLabel={t("consentActions")}>
                      {status === "GIVEN" ? (
                        <Button variant="secondary" isDanger onClick={() => void decide(c, false)} isDisabled={busy !== undefined}
                          data-testid={`withdraw-${c.purpose}`}>
                          {t("consentWithdraw")}
                        </Button>
                      ) : (
                        <Button variant="primary" onClick={() => void decide(c, true)} isDisabled={busy !== undefined}
                          data-testid={`give-${c.purpose}`}>
                          {t("consentGive")}
                        </Button>
                      )}
                    </Td>
                  )}
                </Tr>
              );
            })}
          </Tbody>
        </Table>
      )}
    </>
  );
};
