import { Button, Progress } from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { useEffect, useState } from "react";
import { formatInstant } from "@student-records/shared";
import { useApi } from "../api";
import { CentrePage, LoadState, type Notice, NoticeLine, useCentreLoad, useNotices } from "../components";
import { ConfirmDialog } from "../feedback";
import { type Key, useT } from "../i18n";

type Backup = {
  id: string;
  kind?: string;
  status: string;
  startedAt: string;
  finishedAt: string | null;
  progress: { collection: string | null; done: number; total: number } | null;
  manifest?: { collections: Record<string, { documents: number; sha256: string }> } | null;
  file: string;
};

/**
 * Every collection of a backup: once it is sealed, each collection of its manifest with its documents; while it runs,
 * the collections it has seen so far on this page, each with the count it reached (the server reports the one it
 * copies now).
 */
function collectionsOf(backup: Backup, seen: ReadonlyMap<string, number>): { name: string; documents: number }[] {
  if (backup.manifest) {
    return Object.entries(backup.manifest.collections).map(([name, c]) => ({ name, documents: c.documents }));
  }
  return [...seen.entries()].map(([name, documents]) => ({ name, documents }));
}

const POLL_MILLIS = 2000;

/** Backups: start one, follow its progress by polling, restore one into an empty store. */
export const Backups = () => {
  const { t, language } = useT();
  const api = useApi();
  const noticeOf = useNotices();
  const backups = useCentreLoad<{ backups: Backup[] }>("/backups");
  const [notice, setNotice] = useState<Notice>();
  const [restoring, setRestoring] = useState<Backup>();
  // What each running backup has shown of its collections between polls: collection -> documents done.
  const [seen, setSeen] = useState<ReadonlyMap<string, ReadonlyMap<string, number>>>(new Map());
  const [seenOf, setSeenOf] = useState<{ backups: Backup[] }>();
  const running = backups.data?.backups.some((b) => b.status === "RUNNING") ?? false;

  // While something runs, the list is read again every two seconds; GET /backups carries each one's progress.
  useEffect(() => {
    if (!running) {
      return;
    }
    const timer = window.setInterval(backups.reload, POLL_MILLIS);
    return () => window.clearInterval(timer);
  }, [running, backups.reload]);

  // Taken in as each poll's answer arrives (state adjusted while rendering, as React advises over an effect).
  if (seenOf !== backups.data) {
    setSeenOf(backups.data);
    setSeen(withProgress(seen, backups.data?.backups ?? []));
  }

  const start = async () => {
    setNotice(noticeOf(await api("POST", "/backups"), t("backupStartedWhat")));
    backups.reload();
  };
  const restore = async (b: Backup) => {
    const reply = await api("POST", `/backups/${encodeURIComponent(b.id)}/restore`);
    setRestoring(undefined);
    setNotice(noticeOf(reply, t("restoreStartedWhat", { file: b.file })));
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
                    <Progress value={percent} title={b.status === "RUNNING" && p?.collection
                      ? t("backupNow", { collection: p.collection, done: p.done, total: p.total }) : ""} size="sm"
                      aria-label={`${t("progress")} ${b.file}`} measureLocation="outside" />
                    <CollectionsList backup={b} seen={seen.get(b.id) ?? new Map()} />
                  </Td>
                  <Td dataLabel={t("finishedAt")}>{formatInstant(b.finishedAt, language)}</Td>
                  <Td dataLabel={t("file")}>{b.file}</Td>
                  <Td dataLabel={t("actions")}>
                    {b.status === "DONE" && (b.kind ?? "BACKUP") !== "RESTORE" && (
                      <Button variant="secondary" size="sm" onClick={() => setRestoring(b)} data-testid={`restore-${b.id}`}>
                        {t("restore")}
                      </Button>
                    )}
                  </Td>
                </Tr>
              );
            })}
          </Tbody>
        </Table>
      )}
      {restoring && (
        <ConfirmDialog title={t("restoreTitle")} confirmLabel={t("restore")} variant="danger"
          onConfirm={() => restore(restoring)} onClose={() => setRestoring(undefined)} testId="confirm-restore">
          {t("restoreConfirm")}
        </ConfirmDialog>
      )}
    </CentrePage>
  );
};

/** What the running backups have shown so far, with the collection each reports now and its documents done. */
function withProgress(before: ReadonlyMap<string, ReadonlyMap<string, number>>, jobs: Backup[]) {
  const after = new Map(before);
  for (const b of jobs) {
    const p = b.progress;
    if (b.status === "RUNNING" && p?.collection) {
      after.set(b.id, new Map([...(after.get(b.id) ?? []), [p.collection, p.done]]));
    }
  }
  return after;
}

/** The collections of a backup with their documents, as a small list under its progress. */
const CollectionsList = ({ backup, seen }: { backup: Backup; seen: ReadonlyMap<string, number> }) => {
  const { t } = useT();
  const collections = collectionsOf(backup, seen);
  if (collections.length === 0) {
    return null;
  }
  return (
    <Table aria-label={t("backupCollections", { file: backup.file })} variant="compact" borders={false}
      className="pf-v5-u-mt-sm" data-testid={`backup-collections-${backup.id}`}>
      <Thead>
        <Tr>
          <Th>{t("backupCollection")}</Th>
          <Th>{t("backupDocuments")}</Th>
        </Tr>
      </Thead>
      <Tbody>
        {collections.map((c) => (
          <Tr key={c.name} data-collection={c.name}>
            <Td dataLabel={t("backupCollection")}>{c.name}</Td>
            <Td dataLabel={t("backupDocuments")}>{c.documents}</Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};
