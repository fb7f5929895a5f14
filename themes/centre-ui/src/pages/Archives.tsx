import {
  ActionGroup,
  Button,
  Card,
  CardBody,
  CardTitle,
  DescriptionList,
  Form,
  FormGroup,
  Label,
  TextInput,
  Title,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
} from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { type FormEvent, useState } from "react";
import { answered, formatInstant, isLocalDate, problemText, type Reply } from "@student-records/shared";
import { useApi } from "../api";
import { CentrePage, Detail, FieldErrorText, LoadState, useCentreLoad } from "../components";
import { ConfirmDialog, useToast } from "../feedback";
import { useT } from "../i18n";

type Hold = { id: string; recordId: string; reason: string; placedBy: string; placedAt: string; liftedAt?: string | null };
type PaperCopy = { id: string; recordId: string; location: string; custodian: string; destroyBy: string };
type Archive = { recordId: string; sha256: string; createdAt: string; size: number; destroyAfter: string };
type Found = { id: string; profile?: { studentNumber?: string; name?: string; status?: string; unit?: string } };

/**
 * Archives, legal holds and paper copies: find a record by its student number (or open one from the list of holds),
 * see its sealed archive and check its hash, place and lift its legal holds (lifting asks first), keep its register of
 * paper copies; below, every legal hold of the realm.
 */
export const Archives = () => {
  const { t, language } = useT();
  const api = useApi();
  const toast = useToast();
  const holds = useCentreLoad<{ legalHolds: Hold[] }>("/legal-holds");
  const [number, setNumber] = useState("");
  const [record, setRecord] = useState<Found>();
  const [lifting, setLifting] = useState<Hold>();
  const [version, setVersion] = useState(0);
  const failed = (reply: Reply<unknown>) =>
    toast({ variant: "danger", text: problemText(reply, language), testId: "archives-failed" });

  const open = (reply: Reply<Found>) => {
    if (answered(reply)) {
      setRecord(reply.body);
    } else {
      failed(reply);
    }
  };
  const find = async (event: FormEvent) => {
    event.preventDefault();
    open(await api<Found>("GET", `/records?studentNumber=${encodeURIComponent(number.trim())}`));
  };
  const changed = () => {
    holds.reload();
    setVersion((v) => v + 1);
  };
  const lift = async (hold: Hold) => {
    const reply = await api("POST", `/legal-holds/${encodeURIComponent(hold.id)}/lift`);
    setLifting(undefined);
    if (reply.ok) {
      toast({ variant: "success", text: t("arcHoldLifted"), testId: "hold-lifted" });
    } else {
      failed(reply);
    }
    changed();
  };
  const all = holds.data?.legalHolds ?? [];

  return (
    <CentrePage title={t("archives")} intro={t("archivesIntro")}>
      <Form onSubmit={(e) => void find(e)} className="pf-v5-u-mb-md">
        <Toolbar>
          <ToolbarContent>
            <ToolbarItem>
              <TextInput id="arc-number" aria-label={t("arcStudentNumber")} placeholder={t("arcStudentNumber")}
                value={number} onChange={(_e, v) => setNumber(v)} data-testid="arc-number" />
            </ToolbarItem>
            <ToolbarItem>
              <Button type="submit" variant="primary" isDisabled={number.trim() === ""} data-testid="arc-find">
                {t("arcFind")}
              </Button>
            </ToolbarItem>
          </ToolbarContent>
        </Toolbar>
      </Form>
      {record && (
        <RecordFiles key={`${record.id}-${version}`} record={record} onChanged={changed}
          onLift={(h) => setLifting(h)} />
      )}
      <Toolbar className="pf-v5-u-mt-xl">
        <ToolbarContent>
          <ToolbarItem><Title headingLevel="h2">{t("arcAllHolds")}</Title></ToolbarItem>
          <ToolbarItem align={{ default: "alignRight" }}>
            <Button variant="secondary" onClick={holds.reload} data-testid="holds-refresh">{t("refresh")}</Button>
          </ToolbarItem>
        </ToolbarContent>
      </Toolbar>
      <LoadState loaded={holds} />
      {holds.data && all.length === 0 && <p>{t("arcNoHolds")}</p>}
      {all.length > 0 && (
        <HoldsTable holds={all} label={t("arcAllHolds")} testId="all-holds" onLift={setLifting}
          onOpen={(h) => void api<Found>("GET", `/records/${encodeURIComponent(h.recordId)}`).then(open)} />
      )}
      {lifting && (
        <ConfirmDialog title={t("arcLiftTitle")} confirmLabel={t("arcLift")} variant="danger" testId="confirm-lift"
          onClose={() => setLifting(undefined)} onConfirm={() => lift(lifting)}>
          <p>{t("arcLiftText", { reason: lifting.reason })}</p>
        </ConfirmDialog>
      )}
    </CentrePage>
  );
};

/** A record's holds: when, why, whether lifted; Lift for one still in force, Open to see its record's files. */
const HoldsTable = ({ holds, label, testId, onLift, onOpen }: {
  holds: Hold[];
  label: string;
  testId: string;
  onLift: (hold: Hold) => void;
  onOpen?: (hold: Hold) => void;
}) => {
  const { t, language } = useT();
  return (
    <Table aria-label={label} variant="compact" data-testid={testId}>
      <Thead>
        <Tr>
          {onOpen && <Th>{t("recordId")}</Th>}
          <Th>{t("reason")}</Th>
          <Th>{t("placedAt")}</Th>
          <Th>{t("status")}</Th>
          <Th>{t("actions")}</Th>
        </Tr>
      </Thead>
      <Tbody>
        {holds.map((h) => (
          <Tr key={h.id} data-testid={`hold-${h.id}`} data-lifted={h.liftedAt ? "true" : "false"}>
            {onOpen && <Td dataLabel={t("recordId")}><small>{h.recordId}</small></Td>}
            <Td dataLabel={t("reason")}>{h.reason}</Td>
            <Td dataLabel={t("placedAt")}>{formatInstant(h.placedAt, language)}</Td>
            <Td dataLabel={t("status")}>
              {h.liftedAt
                ? <Label color="grey">{t("arcLiftedOn", { when: formatInstant(h.liftedAt, language) })}</Label>
                : <Label color="orange">{t("arcInForce")}</Label>}
            </Td>
            <Td dataLabel={t("actions")}>
              {onOpen && (
                <Button variant="secondary" size="sm" className="pf-v5-u-mr-sm pf-v5-u-mb-xs" onClick={() => onOpen(h)}
                  data-testid={`open-${h.id}`}>
                  {t("arcOpen")}
                </Button>
              )}
              {!h.liftedAt && (
                <Button variant="danger" size="sm" className="pf-v5-u-mb-xs" onClick={() => onLift(h)}
                  data-testid={`lift-${h.id}`}>
                  {t("arcLift")}
                </Button>
              )}
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};

/** One record's archive, holds and paper copies, under its name and student number. */
const RecordFiles = ({ record, onChanged, onLift }: {
  record: Found;
  onChanged: () => void;
  onLift: (hold: Hold) => void;
}) => {
  const { t, client, language } = useT();
  const api = useApi();
  const toast = useToast();
  const base = `/records/${encodeURIComponent(record.id)}`;
  const archive = useCentreLoad<Archive>(`${base}/archive`);
  const holds = useCentreLoad<{ legalHolds: Hold[] }>(`${base}/legal-holds`);
  const copies = useCentreLoad<{ paperCopies: PaperCopy[] }>(`${base}/paper-copies`);
  const [reason, setReason] = useState("");
  const [copy, setCopy] = useState({ location: "", custodian: "", destroyBy: "" });
  const [copyErrors, setCopyErrors] = useState<string[]>([]);
  const who = [record.profile?.name, record.profile?.studentNumber].filter(Boolean).join(" · ");
  const outcome = (reply: Reply<unknown>, success: string, testId: string) => {
    toast(reply.ok ? { variant: "success", text: success, testId }
      : { variant: "danger", text: problemText(reply, language), testId: "archives-failed" });
  };

  const verify = async () => {
    const reply = await api<{ intact: boolean }>("POST", `${base}/archive/verify`);
    if (answered(reply)) {
      toast(reply.body.intact ? { variant: "success", text: t("arcIntact"), testId: "archive-intact" }
        : { variant: "danger", text: t("arcNotIntact"), testId: "archive-not-intact" });
    } else {
      outcome(reply, "", "archive-verified");
    }
  };
  const place = async (event: FormEvent) => {
    event.preventDefault();
    const reply = await api("POST", `${base}/legal-holds`, { body: { reason: reason.trim() } });
    outcome(reply, t("arcHoldPlaced", { who }), "hold-placed");
    if (reply.ok) {
      setReason("");
      onChanged();
    }
  };
  const register = async (event: FormEvent) => {
    event.preventDefault();
    const reply = await api("POST", `${base}/paper-copies`, { body: copy });
    setCopyErrors(reply.problem?.errors?.map((e) => e.field) ?? []);
    outcome(reply, t("arcCopyRegistered", { who }), "copy-registered");
    if (reply.ok) {
      setCopy({ location: "", custodian: "", destroyBy: "" });
      copies.reload();
    }
  };
  const dateInvalid = copy.destroyBy !== "" && !isLocalDate(copy.destroyBy) || copyErrors.includes("destroyBy");
  const recordHolds = holds.data?.legalHolds ?? [];
  const paper = copies.data?.paperCopies ?? [];

  return (
    <section aria-labelledby="arc-record-title" data-testid="arc-record" className="centre-record-files">
      <Title headingLevel="h2" id="arc-record-title" className="pf-v5-u-mb-md">{who || t("arcTheRecord")}</Title>
      <Card isCompact className="pf-v5-u-mb-md" data-testid="arc-archive">
        <CardTitle component="h3">{t("arcArchive")}</CardTitle>
        <CardBody>
          {archive.failure?.status === 404 ? <p data-testid="arc-no-archive">{t("arcNoArchive")}</p> : <LoadState loaded={archive} />}
          {archive.data && (
            <>
              <DescriptionList isCompact isHorizontal>
                <Detail term={t("arcArchivedAt")}>{formatInstant(archive.data.createdAt, language)}</Detail>
                <Detail term={t("arcDestroyAfter")}>{formatInstant(archive.data.destroyAfter, language)}</Detail>
                <Detail term={t("arcSize")}>{t("arcBytes", { size: archive.data.size })}</Detail>
                <Detail term="SHA-256"><small className="centre-pre">{archive.data.sha256}</small></Detail>
              </DescriptionList>
              <Button variant="secondary" className="pf-v5-u-mt-sm" onClick={() => void verify()} data-testid="arc-verify">
                {t("arcVerify")}
              </Button>
            </>
          )}
        </CardBody>
      </Card>
      <Card isCompact className="pf-v5-u-mb-md" data-testid="arc-holds">
        <CardTitle component="h3">{t("legalHolds")}</CardTitle>
        <CardBody>
          <Form onSubmit={(e) => void place(e)} className="pf-v5-u-mb-md" isWidthLimited>
            <FormGroup label={t("reason")} isRequired fieldId="arc-hold-reason">
              <TextInput id="arc-hold-reason" isRequired value={reason} onChange={(_e, v) => setReason(v)} />
            </FormGroup>
            <ActionGroup>
              <Button type="submit" variant="primary" isDisabled={reason.trim() === ""} data-testid="arc-place-hold">
                {t("placeHold")}
              </Button>
            </ActionGroup>
          </Form>
          <LoadState loaded={holds} />
          {holds.data && recordHolds.length === 0 && <p>{t("arcNoRecordHolds")}</p>}
          {recordHolds.length > 0 && <HoldsTable holds={recordHolds} label={t("legalHolds")} testId="record-holds" onLift={onLift} />}
        </CardBody>
      </Card>
      <Card isCompact data-testid="arc-copies">
        <CardTitle component="h3">{t("arcPaperCopies")}</CardTitle>
        <CardBody>
          <Form onSubmit={(e) => void register(e)} className="pf-v5-u-mb-md" isWidthLimited>
            <FormGroup label={t("arcLocation")} isRequired fieldId="arc-copy-location">
              <TextInput id="arc-copy-location" isRequired value={copy.location}
                validated={copyErrors.includes("location") ? "error" : "default"}
                onChange={(_e, v) => setCopy({ ...copy, location: v })} />
            </FormGroup>
            <FormGroup label={t("arcCustodian")} isRequired fieldId="arc-copy-custodian">
              <TextInput id="arc-copy-custodian" isRequired value={copy.custodian}
                validated={copyErrors.includes("custodian") ? "error" : "default"}
                onChange={(_e, v) => setCopy({ ...copy, custodian: v })} />
            </FormGroup>
            <FormGroup label={t("arcDestroyBy")} isRequired fieldId="arc-copy-destroy">
              <TextInput id="arc-copy-destroy" type="date" isRequired value={copy.destroyBy}
                validated={dateInvalid ? "error" : "default"} aria-describedby={dateInvalid ? "arc-copy-destroy-error" : undefined}
                onChange={(_e, v) => setCopy({ ...copy, destroyBy: v })} />
              {dateInvalid && <FieldErrorText id="arc-copy-destroy-error" text={client("invalidDate")} />}
            </FormGroup>
            <ActionGroup>
              <Button type="submit" variant="primary" data-testid="arc-register-copy">{t("arcRegisterCopy")}</Button>
            </ActionGroup>
          </Form>
          <LoadState loaded={copies} />
          {copies.data && paper.length === 0 && <p>{t("arcNoCopies")}</p>}
          {paper.length > 0 && (
            <Table aria-label={t("arcPaperCopies")} variant="compact" data-testid="paper-copies">
              <Thead>
                <Tr>
                  <Th>{t("arcLocation")}</Th>
                  <Th>{t("arcCustodian")}</Th>
                  <Th>{t("arcDestroyBy")}</Th>
                </Tr>
              </Thead>
              <Tbody>
                {paper.map((c) => (
                  <Tr key={c.id}>
                    <Td dataLabel={t("arcLocation")}>{c.location}</Td>
                    <Td dataLabel={t("arcCustodian")}>{c.custodian}</Td>
                    <Td dataLabel={t("arcDestroyBy")}>{c.destroyBy}</Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          )}
        </CardBody>
      </Card>
    </section>
  );
};
