import {
  ActionGroup,
  Alert,
  Button,
  Card,
  CardBody,
  CardTitle,
  Form,
  FormGroup,
  Radio,
  TextInput,
} from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { answered, problemText, startOfLocalDay, startOfNextLocalDay } from "@student-records/shared";
import { useState } from "react";
import { useApi } from "../api";
import { LoadState, useCentreLoad } from "../components";
import { useToast } from "../feedback";
import { type Key, useT } from "../i18n";
import { entriesOfExtract } from "./AuditModel";
import { toSecond, useDownload } from "./AuditParts";

type Anchor = { place: string; sequence: number; epoch: number | null; findings: string[] };
type Verification = {
  intact: boolean;
  entriesChecked: number;
  firstBrokenSequence: number | null;
  problem: string | null;
  mode: string;
  firstKeptSequence: number;
  epochsChecked: number;
  brokenEpoch: number | null;
  anchors: Anchor[];
};
type Epoch = {
  id: number;
  state: "SEALED" | "DROPPED";
  firstSequence: number;
  lastSequence: number;
  entryCount: number;
  firstTime: string;
  lastTime: string;
  sealedAt: string;
};

const FINDINGS = ["CUT", "REWRITTEN", "ANCHOR_MOVED", "CHECKPOINT_MISSING"];
const PLACES = ["keycloak-database", "node-file"];

/** Verifies the chain (whole or since the last seal) and says plainly whether it holds, and where not. */
export const ChainCheck = () => {
  const { t, language } = useT();
  const api = useApi();
  const [result, setResult] = useState<Verification>();
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState<string>();
  const verify = async (mode: "full" | "incremental") => {
    setBusy(mode);
    const reply = await api<Verification>("GET", `/audit/verify?mode=${mode}`);
    setBusy(undefined);
    if (answered(reply)) {
      setResult(reply.body);
      setFailure(undefined);
    } else {
      setFailure(problemText(reply, language));
    }
  };
  const findingsOf = (a: Anchor) => a.findings.map((f) => (FINDINGS.includes(f) ? t(`auditAnchor_${f}` as Key) : f)).join(" ");
  return (
    <Card className="pf-v5-u-mb-lg">
      <CardTitle component="h2">{t("auditVerify")}</CardTitle>
      <CardBody>
        <p className="pf-v5-u-mb-md">{t("auditVerifyIntro")}</p>
        <div className="pf-v5-u-mb-md audit-buttons">
          <Button variant="primary" onClick={() => void verify("full")} isLoading={busy === "full"} isDisabled={busy !== undefined}
            data-testid="verify-full">
            {t("auditVerifyFull")}
          </Button>
          <Button variant="secondary" onClick={() => void verify("incremental")} isLoading={busy === "incremental"}
            isDisabled={busy !== undefined} data-testid="verify-incremental">
            {t("auditVerifyIncremental")}
          </Button>
        </div>
        <div aria-live="polite">
          {failure && <Alert variant="danger" isInline title={failure} data-testid="verify-error" />}
          {result && (
            <Alert variant={result.intact ? "success" : "danger"} isInline data-testid="verify-result"
              data-intact={String(result.intact)}
              title={result.intact ? t("auditIntact") : t("auditBroken")}>
              <p>
                {t(result.mode === "incremental" ? "auditCheckedIncremental" : "auditCheckedFull", {
                  entries: result.entriesChecked,
                  epochs: result.epochsChecked,
                  first: result.firstKeptSequence,
                })}
              </p>
              {result.firstBrokenSequence !== null && (
                <p data-testid="verify-broken-at">{t("auditBrokenAt", { sequence: result.firstBrokenSequence })}</p>
              )}
              {result.brokenEpoch !== null && <p>{t("auditBrokenEpoch", { epoch: result.brokenEpoch })}</p>}
              {result.anchors.filter((a) => a.findings.length > 0).map((a) => (
                <p key={a.place} data-testid={`anchor-${a.place}`}>
                  {t("auditAnchorAt", {
                    place: PLACES.includes(a.place) ? t(`auditPlace_${a.place.replace("-", "_")}` as Key) : a.place,
                    sequence: a.sequence,
                  })}{" "}
                  {findingsOf(a)}
                </p>
              ))}
            </Alert>
          )}
        </div>
      </CardBody>
    </Card>
  );
};

/** The sealed epochs, oldest first, each downloadable as its signed export. */
export const Epochs = () => {
  const { t, language } = useT();
  const [offset, setOffset] = useState(0);
  const limit = 20;
  const epochs = useCentreLoad<{ epochs: Epoch[] }>(`/audit/epochs?offset=${offset}&limit=${limit}`);
  const download = useDownload();
  const toast = useToast();
  const exportEpoch = async (id: number) => {
    const done = await download(`/audit/epochs/${id}/export`, `audit-epoch-${id}.jsonl.gz`);
    toast(done.ok
      ? { variant: "success", text: t("auditEpochDownloaded", { id }), testId: "epoch-downloaded" }
      : { variant: "danger", text: problemText(done.reply, language) });
  };
  return (
    <Card className="pf-v5-u-mb-lg">
      <CardTitle component="h2">{t("auditEpochs")}</CardTitle>
      <CardBody>
        <p className="pf-v5-u-mb-md">{t("auditEpochsIntro")}</p>
        <div className="pf-v5-u-mb-sm audit-buttons">
          <Button variant="secondary" size="sm" onClick={epochs.reload} data-testid="epochs-refresh">{t("refresh")}</Button>
          <Button variant="link" size="sm" isDisabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - limit))}>
            {t("auditPrevious")}
          </Button>
          <Button variant="link" size="sm" isDisabled={(epochs.data?.epochs.length ?? 0) < limit}
            onClick={() => setOffset(offset + limit)}>
            {t("auditNext")}
          </Button>
        </div>
        <LoadState loaded={epochs} />
        {epochs.data && epochs.data.epochs.length === 0 && <p data-testid="epochs-empty">{t("auditEpochsEmpty")}</p>}
        {epochs.data && epochs.data.epochs.length > 0 && (
          <Table aria-label={t("auditEpochs")} variant="compact" data-testid="epochs">
            <Thead>
              <Tr>
                <Th>{t("auditEpoch")}</Th>
                <Th>{t("status")}</Th>
                <Th>{t("auditEntries")}</Th>
                <Th>{t("auditPeriod")}</Th>
                <Th>{t("auditSealedAt")}</Th>
                <Th>{t("actions")}</Th>
              </Tr>
            </Thead>
            <Tbody>
              {epochs.data.epochs.map((e) => (
                <Tr key={e.id} data-testid={`epoch-${e.id}`}>
                  <Td dataLabel={t("auditEpoch")}>{e.id}</Td>
                  <Td dataLabel={t("status")}>{t(e.state === "SEALED" ? "auditSealed" : "auditDropped")}</Td>
                  <Td dataLabel={t("auditEntries")}>
                    {t("auditEntryRange", { count: e.entryCount, first: e.firstSequence, last: e.lastSequence })}
                  </Td>
                  <Td dataLabel={t("auditPeriod")}>{toSecond(e.firstTime, language)} – {toSecond(e.lastTime, language)}</Td>
                  <Td dataLabel={t("auditSealedAt")}>{toSecond(e.sealedAt, language)}</Td>
                  <Td dataLabel={t("actions")}>
                    {e.state === "SEALED" ? (
                      <Button variant="secondary" size="sm" onClick={() => void exportEpoch(e.id)} data-testid={`export-${e.id}`}
                        aria-label={t("auditExportEpoch", { id: e.id })}>
                        {t("auditDownload")}
                      </Button>
                    ) : t("auditExportedOnServer")}
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
      </CardBody>
    </Card>
  );
};

/** A verified extract for one record, or for one client in a window of days, downloaded as a signed file. */
export const Extract = () => {
  const { t, language } = useT();
  const download = useDownload();
  const toast = useToast();
  const [about, setAbout] = useState<"record" | "client">("record");
  const [fields, setFields] = useState({ record: "", client: "", fromDay: "", toDay: "" });
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const set = (name: keyof typeof fields) => (_: unknown, value: string) => setFields({ ...fields, [name]: value });
  const take = async () => {
    const from = startOfLocalDay(fields.fromDay);
    const to = startOfNextLocalDay(fields.toDay);
    const window = `${from ? `&from=${encodeURIComponent(from)}` : ""}${to ? `&to=${encodeURIComponent(to)}` : ""}`;
    if (about === "record" && !fields.record.trim()) {
      setError(t("auditExtractNeedsRecord"));
      return;
    }
    if (about === "client" && (!fields.client.trim() || !from || !to)) {
      setError(t("auditExtractNeedsClient"));
      return;
    }
    setError(undefined);
    setBusy(true);
    const path = about === "record"
      ? `/audit/extract?record=${encodeURIComponent(fields.record.trim())}${window}`
      : `/audit/extract?client=${encodeURIComponent(fields.client.trim())}${window}`;
    const done = await download(path, "audit-extract.jws", true);
    setBusy(false);
    if (done.ok) {
      toast({ variant: "success", text: t("auditExtractDone", { count: entriesOfExtract(done.text) ?? 0 }), testId: "extract-done" });
    } else {
      setError(problemText(done.reply, language));
    }
  };
  return (
    <Card className="pf-v5-u-mb-lg">
      <CardTitle component="h2">{t("auditExtract")}</CardTitle>
      <CardBody>
        <p className="pf-v5-u-mb-md">{t("auditExtractIntro")}</p>
        <Form onSubmit={(e) => { e.preventDefault(); void take(); }}>
          <FormGroup role="radiogroup" isInline fieldId="extract-about" label={t("auditExtractAbout")}>
            <Radio id="extract-by-record" name="extract-about" label={t("auditOneRecord")} isChecked={about === "record"}
              onChange={() => setAbout("record")} />
            <Radio id="extract-by-client" name="extract-about" label={t("auditOneClient")} isChecked={about === "client"}
              onChange={() => setAbout("client")} />
          </FormGroup>
          {about === "record" ? (
            <FormGroup label={t("auditRecord")} fieldId="extract-record">
              <TextInput id="extract-record" value={fields.record} onChange={set("record")} />
            </FormGroup>
          ) : (
            <FormGroup label={t("auditClient")} fieldId="extract-client">
              <TextInput id="extract-client" value={fields.client} onChange={set("client")} />
            </FormGroup>
          )}
          <FormGroup label={t("auditFromDay")} fieldId="extract-from">
            <TextInput id="extract-from" type="date" value={fields.fromDay} onChange={set("fromDay")} />
          </FormGroup>
          <FormGroup label={t("auditToDay")} fieldId="extract-to">
            <TextInput id="extract-to" type="date" value={fields.toDay} onChange={set("toDay")} />
          </FormGroup>
          {error && <Alert variant="danger" isInline title={error} data-testid="extract-error" />}
          <ActionGroup>
            <Button type="submit" variant="primary" isLoading={busy} isDisabled={busy} data-testid="take-extract">
              {t("auditExtractTake")}
            </Button>
          </ActionGroup>
        </Form>
      </CardBody>
    </Card>
  );
};
