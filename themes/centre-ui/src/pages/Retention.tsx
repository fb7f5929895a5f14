import { ActionGroup, Button, Checkbox, Form, FormGroup, TextInput, Title } from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { type FormEvent, useState } from "react";
import { formatInstant } from "@student-records/shared";
import { useApi } from "../api";
import { CentrePage, LoadState, type Notice, NoticeLine, useCentreLoad, useNotices } from "../components";
import { type Key, useT } from "../i18n";

type Policy = { archiveOn: string[]; destroyAfterDays: number; archiveRetentionDays: number };
type Run = {
  id: string;
  dryRun: boolean;
  ranAt: string;
  archived: string[];
  destroyed: { recordId: string }[];
  held: string[];
  waiting: number;
};
type Hold = { id: string; recordId: string; reason: string; placedBy: string; placedAt: string; liftedAt: string | null };

const LEAVING = ["GRADUATED", "WITHDRAWN", "TRANSFERRED"];

/** The retention policy, dry runs and runs with their report, and legal holds. */
export const Retention = () => {
  const { t } = useT();
  const [notice, setNotice] = useState<Notice>();
  return (
    <CentrePage title={t("retention")} intro={t("retentionIntro")}>
      <NoticeLine notice={notice} testId="retention-message" />
      <PolicyForm onNotice={setNotice} />
      <RunsSection onNotice={setNotice} />
      <HoldsSection onNotice={setNotice} />
    </CentrePage>
  );
};

const PolicyForm = ({ onNotice }: { onNotice: (n: Notice) => void }) => {
  const { t } = useT();
  const api = useApi();
  const noticeOf = useNotices();
  const policy = useCentreLoad<Policy>("/retention/policy");
  const [archiveOn, setArchiveOn] = useState<string[]>([]);
  const [destroyAfter, setDestroyAfter] = useState("");
  const [keepArchive, setKeepArchive] = useState("");
  const [shown, setShown] = useState<Policy>();
  // Every policy the API answers (the first, and the one after a save) fills the form once.
  if (policy.data && policy.data !== shown) {
    setShown(policy.data);
    setArchiveOn(policy.data.archiveOn);
    setDestroyAfter(String(policy.data.destroyAfterDays));
    setKeepArchive(String(policy.data.archiveRetentionDays));
  }
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const body = { archiveOn, destroyAfterDays: Number(destroyAfter), archiveRetentionDays: Number(keepArchive) };
    onNotice(noticeOf(await api("PUT", "/retention/policy", { body }), t("saved")));
    policy.reload();
  };
  return (
    <>
      <LoadState loaded={policy} />
      {policy.data && (
        <Form onSubmit={(e) => void save(e)} isWidthLimited data-testid="policy-form">
          <FormGroup label={t("archiveOn")} role="group" isInline fieldId="archive-on">
            {LEAVING.map((s) => (
              <Checkbox key={s} id={`archive-on-${s}`} label={t(`enrolment_${s}` as Key)} isChecked={archiveOn.includes(s)}
                onChange={(_e, c) => setArchiveOn(c ? [...archiveOn, s] : archiveOn.filter((x) => x !== s))} />
            ))}
          </FormGroup>
          <FormGroup label={t("destroyAfterDays")} fieldId="destroy-after">
            <TextInput id="destroy-after" type="number" value={destroyAfter} onChange={(_e, v) => setDestroyAfter(v)} />
          </FormGroup>
          <FormGroup label={t("archiveRetentionDays")} fieldId="keep-archive">
            <TextInput id="keep-archive" type="number" value={keepArchive} onChange={(_e, v) => setKeepArchive(v)} />
          </FormGroup>
          <ActionGroup>
            <Button type="submit" variant="primary" data-testid="save-policy">{t("save")}</Button>
          </ActionGroup>
        </Form>
      )}
    </>
  );
};

const RunsSection = ({ onNotice }: { onNotice: (n: Notice) => void }) => {
  const { t, language } = useT();
  const api = useApi();
  const noticeOf = useNotices();
  const runs = useCentreLoad<{ runs: Run[] }>("/retention/runs");
  const run = async (dryRun: boolean) => {
    if (!dryRun && !window.confirm(t("runConfirm"))) {
      return;
    }
    onNotice(noticeOf(await api("POST", "/retention/runs", { body: { dryRun } }), dryRun ? t("dryRun") : t("runNow")));
    runs.reload();
  };
  return (
    <>
      <Title headingLevel="h2" className="pf-v5-u-mt-xl pf-v5-u-mb-md">{t("runs")}</Title>
      <div className="pf-v5-u-mb-md">
        <Button variant="secondary" className="pf-v5-u-mr-sm" onClick={() => void run(true)} data-testid="dry-run">
          {t("dryRun")}
        </Button>
        <Button variant="danger" onClick={() => void run(false)} data-testid="run-retention">{t("runNow")}</Button>
      </div>
      <LoadState loaded={runs} />
      {runs.data && runs.data.runs.length === 0 && <p>{t("runsEmpty")}</p>}
      {runs.data && runs.data.runs.length > 0 && (
        <Table aria-label={t("runs")} variant="compact" data-testid="runs">
          <Thead>
            <Tr>
              <Th>{t("ranAt")}</Th>
              <Th>{t("dryRun")}</Th>
              <Th>{t("archived")}</Th>
              <Th>{t("destroyed")}</Th>
              <Th>{t("held")}</Th>
              <Th>{t("waiting")}</Th>
            </Tr>
          </Thead>
          <Tbody>
            {runs.data.runs.map((r) => (
              <Tr key={r.id}>
                <Td dataLabel={t("ranAt")}>{formatInstant(r.ranAt, language)}</Td>
                <Td dataLabel={t("dryRun")}>{r.dryRun ? t("yes") : t("no")}</Td>
                <Td dataLabel={t("archived")}>{r.archived.join(", ") || "—"}</Td>
                <Td dataLabel={t("destroyed")}>{r.destroyed.map((d) => d.recordId).join(", ") || "—"}</Td>
                <Td dataLabel={t("held")}>{r.held.join(", ") || "—"}</Td>
                <Td dataLabel={t("waiting")}>{r.waiting}</Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
    </>
  );
};

const HoldsSection = ({ onNotice }: { onNotice: (n: Notice) => void }) => {
  const { t, language } = useT();
  const api = useApi();
  const noticeOf = useNotices();
  const holds = useCentreLoad<{ holds?: Hold[]; legalHolds?: Hold[] }>("/legal-holds");
  const [recordId, setRecordId] = useState("");
  const [reason, setReason] = useState("");
  const all = holds.data?.legalHolds ?? holds.data?.holds ?? [];
  const place = async (event: FormEvent) => {
    event.preventDefault();
    onNotice(noticeOf(await api("POST", `/records/${encodeURIComponent(recordId.trim())}/legal-holds`,
      { body: { reason: reason.trim() } }), t("saved")));
    holds.reload();
  };
  const lift = async (hold: Hold) => {
    onNotice(noticeOf(await api("POST", `/legal-holds/${encodeURIComponent(hold.id)}/lift`), t("saved")));
    holds.reload();
  };
  return (
    <>
      <Title headingLevel="h2" className="pf-v5-u-mt-xl pf-v5-u-mb-md">{t("legalHolds")}</Title>
      <Form onSubmit={(e) => void place(e)} isWidthLimited className="pf-v5-u-mb-md">
        <FormGroup label={t("recordId")} isRequired fieldId="hold-record">
          <TextInput id="hold-record" isRequired value={recordId} onChange={(_e, v) => setRecordId(v)} />
        </FormGroup>
        <FormGroup label={t("reason")} isRequired fieldId="hold-reason">
          <TextInput id="hold-reason" isRequired value={reason} onChange={(_e, v) => setReason(v)} />
        </FormGroup>
        <ActionGroup>
          <Button type="submit" variant="primary" data-testid="place-hold">{t("placeHold")}</Button>
        </ActionGroup>
      </Form>
      <LoadState loaded={holds} />
      {holds.data && all.length === 0 && <p>{t("legalHoldsEmpty")}</p>}
      {all.length > 0 && (
        <Table aria-label={t("legalHolds")} variant="compact" data-testid="holds">
          <Thead>
            <Tr>
              <Th>{t("recordId")}</Th>
              <Th>{t("reason")}</Th>
              <Th>{t("placedBy")}</Th>
              <Th>{t("placedAt")}</Th>
              <Th>{t("liftedAt")}</Th>
              <Th>{t("actions")}</Th>
            </Tr>
          </Thead>
          <Tbody>
            {all.map((h) => (
              <Tr key={h.id}>
                <Td dataLabel={t("recordId")}>{h.recordId}</Td>
                <Td dataLabel={t("reason")}>{h.reason}</Td>
                <Td dataLabel={t("placedBy")}>{h.placedBy}</Td>
                <Td dataLabel={t("placedAt")}>{formatInstant(h.placedAt, language)}</Td>
                <Td dataLabel={t("liftedAt")}>{formatInstant(h.liftedAt, language)}</Td>
                <Td dataLabel={t("actions")}>
                  {!h.liftedAt && (
                    <Button variant="secondary" size="sm" onClick={() => void lift(h)} data-testid={`lift-${h.id}`}>
                      {t("lift")}
                    </Button>
                  )}
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
    </>
  );
};
