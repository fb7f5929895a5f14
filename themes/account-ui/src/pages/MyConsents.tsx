import { PageFrame } from "@student-records/shared";
import { useTranslation } from "react-i18next";
import { Consents } from "../components/Consents";

/**
 * "My consents": the student's consents to the school's consent purposes, given and withdrawn here. Under 14 the
 * student's guardian decides them: the server refuses the student's change and the page says so.
 */
export const MyConsents = () => {
  const { t } = useTranslation();
  return (
    <PageFrame title={t("studentConsents")} intro={t("studentConsentsDescription")} light>
      <Consents path="/me/consents" />
    </PageFrame>
  );
};
