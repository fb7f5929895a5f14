import { Alert, Button } from "@patternfly/react-core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { problemText, useStudentRecordsApi } from "../api";
import { StudentPage } from "./StudentPage";

/** "Download my data": GET /me/export, saved as a JSON file. */
export const DownloadData = () => {
  const { t } = useTranslation();
  const api = useStudentRecordsApi();
  const [status, setStatus] = useState<{ variant: "success" | "danger"; text: string }>();

  const download = async () => {
    const reply = await api("GET", "/me/export");
    if (!reply.ok) {
      setStatus({ variant: "danger", text: problemText(reply) });
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
    <StudentPage title={t("studentDownload")} description={t("studentDownloadDescription")}>
      {status && <Alert variant={status.variant} isInline title={status.text} data-testid="download-status" className="pf-v5-u-mb-md" />}
      <Button variant="primary" onClick={download} data-testid="download">
        {t("studentDownloadButton")}
      </Button>
    </StudentPage>
  );
};
