import { PageFrame } from "@student-records/shared";
import { useTranslation } from "react-i18next";
import { AccessLogTable } from "../components/AccessLogTable";

/** "Who accessed my record": the access log, newest first, paged, filtered; each entry can be reported. */
export const AccessLog = () => {
  const { t } = useTranslation();
  return (
    <PageFrame title={t("studentAccessLog")} intro={t("studentAccessLogDescription")} light>
      <AccessLogTable logPath="/me/access-log" reportPath="/me/reports" voice="student" />
    </PageFrame>
  );
};
