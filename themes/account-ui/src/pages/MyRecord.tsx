import { PageFrame } from "@student-records/shared";
import { useTranslation } from "react-i18next";
import { RecordEditor } from "../components/RecordEditor";

/** "My record": every group of the student's own record; contact and guardians edited in place. */
export const MyRecord = () => {
  const { t } = useTranslation();
  return (
    <PageFrame title={t("studentRecord")} intro={t("studentRecordDescription")} light>
      <RecordEditor path="/me" voice="student" verification />
    </PageFrame>
  );
};
