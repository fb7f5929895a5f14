import { Button, Progress } from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { useEffect, useState } from "react";
import { formatInstant } from "@student-records/shared";
import { useApi } from "../api";
import { CentrePage, LoadState, type Notice, NoticeLine, useCentreLoad, useNotices } from "../components";
import { type Key, useT } from "../i18n";

type Backup = {
  id: string;
  kind?: string;
  status: string;
  startedAt: string;
  finishedAt: string | null;
  progress: { collection: string; done: number; total: number } | null;
  file: string;
};

const POLL_MILLIS = 2000;

/** Backups: start one, follow its progress by polling, restore one into an empty store. */
export const Backups = () => {
  const { t, language } = useT();
  const api = useApi();
  const noticeOf = useNotices();
  const backups = useCentreLoad<{ backups: Backup[] }>("/backups");
  const [notice, setNotice] = useState<Notice>();
  const running = backups.data?.backups.some((b) => b.status === "RUNNING") ?? false;

  // While something runs, the list is read again every two seconds; GET /backups carries each one's progress.
  useEffect(() => {
    if (!running) {
      return;
    }
    const timer = window.setInterval(backups.reload, POLL_MILLIS);
    return () => window.clearInterval(timer);
  }, [running, backups.reload]);

  const start = async () => {
    setNotice(noticeOf(await api("POST", "/backups"), t("startBackup")));
    backups.reload();
  };
  const restore = async (b: Backup) => {
    if (!window.confirm(t("restoreConfirm"))) {
      return;
    }
    setNotice(noticeOf(await api("POST", `/backups/${encodeURIComponent(b.id)}/restore`), t("restoreStarted")));
    backups.reload();
  };

  return (
    <CentrePage title={t("backups")} intro={t("backupsIntro")}>
      <NoticeLine notice={notice} testId="backup-message" />
      <div className="pf-v5-u-mb-md">
        <Button variant="primary" onClick={() => void start()} isDisabled={running} data-testid="start-backup">
          {t("startBackup")}
        </Button>
      </div>
      <LoadState loaded={backups} />
      {backups.data && backups.data.backups.length === 0 && <p>{t("backupsEmpty")}</p>}
      {backups.data && backups.data.backups.length > 0 && (
        <Table aria-label={t("backups")} variant="compact" data-testid="backups">
          <Thead>
            <Tr>
              <Th>{t("startedAt")}</Th>
              <Th>{t("status")}</Th>
              <Th>{t("progress")}</Th>
              <Th>{t("finishedAt")}</Th>
              <Th>{t("file")}</Th>
              <Th>{t("actions")}</Th>
            </Tr>
          </Thead>
          <Tbody>
            {backups.data.backups.map((b) => {
              const p = b.progress;
              const percent = p && p.total > 0 ? Math.round((100 * p.done) / p.total) : b.status === "DONE" ? 100 : 0;
              return (
                <Tr key={b.id} data-testid={`backup-${b.id}`} data-status={b.status}>
                  <Td dataLabel={t("startedAt")}>{formatInstant(b.startedAt, language)}</Td>
                  <Td dataLabel={t("status")}>{b.kind ? `${b.kind} · ` : ""}{t(`state_${b.status}` as Key)}</Td>
                  <Td dataLabel={t("progress")}>
                    <Progress value={percent} title={p?.collection ?? ""} size="sm"
                      aria-label={`${t("progress")} ${b.file}`} measureLocation="outside" />
                  </Td>
                  <Td dataLabel={t("finishedAt")}>{formatInstant(b.finishedAt, language)}</Td>
                  <Td dataLabel={t("file")}>{b.file}</Td>
                  <Td dataLabel={t("actions")}>
                    {b.status === "DONE" && (b.kind ?? "BACKUP") !== "RESTORE" && (
                      <Button variant="secondary" size="sm" onClick={() => void restore(b)}>{t("restore")}</Button>
                    )}
                  </Td>
                </Tr>
              );
            })}
          </Tbody>
        </Table>
      )}
    </CentrePage>
  );
};
