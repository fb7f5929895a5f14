import { Alert, Button } from "@patternfly/react-core";
import { answered, PageFrame, problemText } from "@student-records/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useLanguage, useStudentRecordsApi } from "../api";

/** "Download my data": GET /me/export, saved as a JSON file. */
export const DownloadData = () => {
  const { t } = useTranslation();
  const language = useLanguage();
  const api = useStudentRecordsApi();
  const [status, setStatus] = useState<{ variant: "success" | "danger"; text: string }>();

  const download = async () => {
    const reply = await api("GET", "/me/export");
    if (!answered(reply)) {
      setStatus({ variant: "danger", text: problemText(reply, language) });
      return;
    }
    const blob = new Blob([JSON.stringify(reply.body, null, 2)], { type: "application/json" });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = "student-record.json";
    document.body.appendChild(link);
    link.click();
    link.remove();
    URL.revokeObjectURL(link.href);
    setStatus({ variant: "success", text: t("studentDownloadDone") });
  };

  return (
    <PageFrame title={t("studentDownload")} intro={t("studentDownloadDescription")} light>
      {status && <Alert variant={status.variant} isInline title={status.text} data-testid="download-status" className="pf-v5-u-mb-md" />}
      <Button variant="primary" onClick={() => void download()} data-testid="download">
        {t("studentDownloadButton")}
      </Button>
    </PageFrame>
  );
};
