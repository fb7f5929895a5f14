import {
  Alert,
  Button,
  Card,
  CardBody,
  CardTitle,
  DescriptionList,
  Form,
  FormGroup,
  FormSelect,
  FormSelectOption,
  Label,
  Title,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
  Tooltip,
} from "@patternfly/react-core";
import { DownloadIcon, SyncAltIcon } from "@patternfly/react-icons";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { formatInstant, useLoad } from "@student-records/shared";
import { useState } from "react";
import { useApi, useSession } from "../api";
import { usePeople } from "../people";
import { CentrePage, Detail, FieldErrorText, LoadState, useCentreLoad, useProblemText } from "../components";
import { ConfirmDialog, useToast } from "../feedback";
import { type Key, useT } from "../i18n";
import {
  type Certificate,
  type CertifiedDestruction,
  certificateFile,
  certificateFileName,
  realmKeys,
  type Verification,
  verifyCertificate,
} from "./records/certificate";
import { type StudentRecord, useMe } from "./records/recordsApi";

type PurgeRequest = {
  id: string;
  recordId: string;
  status: string;
  reason?: string;
  requestedBy: string;
  requestedAt: string;
  decidedBy?: string;
  decidedAt?: string;
};

const STATES = ["PENDING", "APPROVED", "CANCELLED"] as const;
const SYSTEM = "system:user-removed";

/** Who filed or decided, as the signed-in administrator reads it: "You", the system, or the administrator by name. */
function usePerson(ids: readonly (string | undefined)[]): (id: string | undefined) => string {
  const { t } = useT();
  const me = useMe();
  const nameOf = usePeople(ids.filter((id) => id !== SYSTEM && id !== me));
  return (id) => (id === undefined ? "—" : id === me ? t("purgeYou") : id === SYSTEM ? t("purgeSystem") : nameOf(id));
}

/**
 * Purge requests and destruction certificates: the requests by state, approval by a second administrator (never the
 * one who asked: their Approve is disabled, and the server refuses it anyway), cancellation, each behind a
 * confirmation; the certificate an approval answers, to download at once; and the check of any certificate file
 * against the realm's public key, in the browser.
 */
export const Purges = () => {
  const { t, language } = useT();
  const api = useApi();
  const toast = useToast();
  const problemText = useProblemText();
  const me = useMe();
  const [state, setState] = useState<(typeof STATES)[number]>("PENDING");
  const requests = useCentreLoad<{ purgeRequests: PurgeRequest[] }>(`/purge-requests?status=${state}`);
  const person = usePerson((requests.data?.purgeRequests ?? []).flatMap((r) => [r.requestedBy, r.decidedBy]));
  const [approving, setApproving] = useState<PurgeRequest>();
  const [cancelling, setCancelling] = useState<PurgeRequest>();
  const [certified, setCertified] = useState<CertifiedDestruction>();

  const approve = async (request: PurgeRequest) => {
    const reply = await api<CertifiedDestruction>("POST", `/purge-requests/${encodeURIComponent(request.id)}/approve`);
    setApproving(undefined);
    if (reply.ok && reply.body) {
      setCertified(reply.body);
      toast({ variant: "success", text: t("purgeApproved"), testId: "purge-approved" });
    } else {
      toast({ variant: "danger", text: problemText(reply), testId: "purge-refused" });
    }
    requests.reload();
  };

  const cancel = async (request: PurgeRequest) => {
    const reply = await api("POST", `/purge-requests/${encodeURIComponent(request.id)}/cancel`);
    setCancelling(undefined);
    toast(reply.ok
      ? { variant: "success", text: t("purgeCancelled"), testId: "purge-cancelled" }
      : { variant: "danger", text: problemText(reply), testId: "purge-refused" });
    requests.reload();
  };

  const list = requests.data?.purgeRequests;
  return (
    <CentrePage title={t("purgeTitle")} intro={t("purgeIntro")}>
      {certified && <CertificateCard certified={certified} />}
      <Title headingLevel="h2" className="pf-v5-u-mb-sm">{t("purgeList")}</Title>
      <Toolbar>
        <ToolbarContent>
          <ToolbarItem>
            <FormSelect id="purge-state" aria-label={t("purgeShow")} value={state}
              onChange={(_e, v) => setState(v as (typeof STATES)[number])}>
              {STATES.map((s) => <FormSelectOption key={s} value={s} label={t(`purgeStatus_${s}` as Key)} />)}
            </FormSelect>
          </ToolbarItem>
          <ToolbarItem>
            <Button variant="plain" aria-label={t("refresh")} onClick={requests.reload} data-testid="refresh-purges">
              <SyncAltIcon />
            </Button>
          </ToolbarItem>
        </ToolbarContent>
      </Toolbar>
      <LoadState loaded={requests} />
      {list && list.length === 0 && <p data-testid="purges-empty">{t("purgeEmpty")}</p>}
      {list && list.length > 0 && (
        <Table aria-label={t("purgeList")} variant="compact" data-testid="purge-requests">
          <Thead>
            <Tr>
              <Th>{t("purgeReason")}</Th>
              <Th>{t("purgeRequestedBy")}</Th>
              <Th>{t("purgeRequestedAt")}</Th>
              <Th>{t("status")}</Th>
              <Th>{t("actions")}</Th>
            </Tr>
          </Thead>
          <Tbody>
            {list.map((r) => {
              const mine = me !== undefined && r.requestedBy === me;
              return (
                <Tr key={r.id} data-testid={`purge-${r.id}`} data-record={r.recordId}>
                  <Td dataLabel={t("purgeReason")}>{r.reason ?? "—"}</Td>
                  <Td dataLabel={t("purgeRequestedBy")}>{person(r.requestedBy)}</Td>
                  <Td dataLabel={t("purgeRequestedAt")}>{formatInstant(r.requestedAt, language)}</Td>
                  <Td dataLabel={t("status")}>
                    <Label color={r.status === "PENDING" ? "orange" : r.status === "APPROVED" ? "red" : "grey"}>
                      {t(`purgeStatus_${r.status}` as Key)}
                    </Label>
                    {r.decidedAt && <div><small>{t("purgeDecided")}: {formatInstant(r.decidedAt, language)} · {person(r.decidedBy)}</small></div>}
                  </Td>
                  <Td dataLabel={t("actions")}>
                    {r.status === "PENDING" && (
                      <>
                        <ApproveButton mine={mine} testId={`approve-purge-${r.id}`} onClick={() => setApproving(r)} />
                        <Button variant="secondary" size="sm" className="pf-v5-u-mb-xs" data-testid={`cancel-purge-${r.id}`}
                          onClick={() => setCancelling(r)}>
                          {t("purgeCancel")}
                        </Button>
                      </>
                    )}
                  </Td>
                </Tr>
              );
            })}
          </Tbody>
        </Table>
      )}
      <VerifyCertificate />
      {approving && <ApproveDialog request={approving} onConfirm={() => approve(approving)} onClose={() => setApproving(undefined)} />}
      {cancelling && (
        <ConfirmDialog title={t("purgeCancelTitle")} confirmLabel={t("purgeCancelConfirm")} backLabel={t("purgeKeep")}
          onConfirm={() => cancel(cancelling)} onClose={() => setCancelling(undefined)} testId="confirm-cancel-purge">
          {t("purgeCancelBody")}
        </ConfirmDialog>
      )}
    </CentrePage>
  );
};

/** Approve, or for the one who asked a disabled Approve whose tooltip says why (the server refuses it too). */
const ApproveButton = ({ mine, testId, onClick }: { mine: boolean; testId: string; onClick: () => void }) => {
  const { t } = useT();
  const button = (
    <Button variant="danger" size="sm" className="pf-v5-u-mr-sm pf-v5-u-mb-xs" isAriaDisabled={mine}
      data-testid={testId} data-mine={mine ? "true" : "false"} onClick={onClick}>
      {t("purgeApprove")}
    </Button>
  );
  return mine ? <Tooltip content={t("purgeOwnRequest")}>{button}</Tooltip> : button;
};

/**
 * The approval's confirmation, naming the student whose record is destroyed: the approver reads the record's profile
 * for that (a read for the purpose administration, in the student's access log like any other).
 */
const ApproveDialog = ({ request, onConfirm, onClose }: { request: PurgeRequest; onConfirm: () => Promise<void>; onClose: () => void }) => {
  const { t } = useT();
  const record = useLoad<StudentRecord>(useApi(), `/records/${encodeURIComponent(request.recordId)}`);
  const profile = record.data?.profile;
  const student = profile ? t("recRecordTitle", { name: profile.name, number: profile.studentNumber }) : t("purgeApproveStudentUnknown");
  return (
    <ConfirmDialog title={t("purgeApproveTitle")} confirmLabel={t("purgeApproveConfirm")} variant="danger"
      onConfirm={onConfirm} onClose={onClose} testId="confirm-approve-purge">
      <span data-testid="approve-student">{t("purgeApproveBody", { student, reason: request.reason ?? "" })}</span>
    </ConfirmDialog>
  );
};

/** Saves a certificate as the centre's JSON file: the readable certificate and the signed one. */
function download(certified: CertifiedDestruction) {
  const blob = new Blob([JSON.stringify(certified, null, 2) + "\n"], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = certificateFileName(certified.certificate);
  document.body.appendChild(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The details of a certificate: what was destroyed when, who asked and approved, the paper copies to destroy. */
const CertificateDetails = ({ certificate }: { certificate: Certificate }) => {
  const { t, language } = useT();
  const person = usePerson([certificate.requestedBy, certificate.approvedBy]);
  return (
    <DescriptionList isCompact isHorizontal data-testid="certificate-details">
      <Detail term={t("purgeCertificateDestroyedAt")}>{formatInstant(certificate.destroyedAt, language)}</Detail>
      <Detail term={t("purgeReason")}>{certificate.reason ?? "—"}</Detail>
      <Detail term={t("purgeRequestedBy")}>{person(certificate.requestedBy)}</Detail>
      <Detail term={t("purgeCertificateApprovedBy")}>{person(certificate.approvedBy)}</Detail>
      <Detail term={t("purgeCertificateVersion")}>{certificate.lastVersion}</Detail>
      <Detail term={t("purgeCertificatePaper")}>
        {certificate.paperCopies && certificate.paperCopies.length > 0
          ? certificate.paperCopies.map((c) => `${c.location} (${c.custodian}, ${c.destroyBy})`).join("; ")
          : t("purgeCertificateNoPaper")}
      </Detail>
    </DescriptionList>
  );
};

/** The certificate an approval just answered: shown once, to download and check. */
const CertificateCard = ({ certified }: { certified: CertifiedDestruction }) => {
  const { t } = useT();
  const check = useVerification();
  return (
    <Card className="pf-v5-u-mb-xl" data-testid="certificate">
      <CardTitle component="h2">{t("purgeCertificate")}</CardTitle>
      <CardBody>
        <Alert isInline variant="warning" title={t("purgeApproved")} className="pf-v5-u-mb-md" />
        <CertificateDetails certificate={certified.certificate} />
        <div className="pf-v5-u-mt-md">
          <Button variant="primary" icon={<DownloadIcon />} onClick={() => download(certified)} className="pf-v5-u-mr-sm pf-v5-u-mb-sm"
            data-testid="download-certificate">
            {t("purgeDownload")}
          </Button>
          <Button variant="secondary" className="pf-v5-u-mb-sm" data-testid="verify-this-certificate"
            onClick={() => void check.run(certified.signedCertificate, certified.certificate)}>
            {t("purgeVerifyThis")}
          </Button>
        </div>
        <VerificationResult verification={check.result} testId="certificate-verification" />
      </CardBody>
    </Card>
  );
};

/** Checks certificates with the realm's public keys, fetched from Keycloak at each check. */
function useVerification() {
  const { config } = useSession();
  const [result, setResult] = useState<Verification | "keys-unavailable">();
  const run = async (signed: string, copy?: unknown) => {
    setResult(undefined);
    const keys = await realmKeys(config.serverUrl, config.realm);
    setResult(keys ? await verifyCertificate(signed, keys, copy) : "keys-unavailable");
  };
  return { result, run, fail: (r: Verification) => setResult(r) };
}

const VerificationResult = ({ verification, testId }: { verification: Verification | "keys-unavailable" | undefined; testId: string }) => {
  const { t } = useT();
  if (verification === undefined) {
    return <div aria-live="polite" />;
  }
  if (verification === "keys-unavailable") {
    return <div aria-live="polite"><Alert isInline variant="danger" title={t("purgeKeysUnavailable")} data-testid={testId} data-verified="false" /></div>;
  }
  if (!verification.verified) {
    return (
      <div aria-live="polite">
        <Alert isInline variant="danger" title={t(`purgeNotVerified_${verification.why}` as Key)} data-testid={testId} data-verified="false" />
      </div>
    );
  }
  return (
    <div aria-live="polite" className="pf-v5-u-mt-md">
      <Alert isInline variant={verification.matchesCopy ? "success" : "warning"} data-testid={testId} data-verified="true"
        title={verification.matchesCopy ? t("purgeVerified", { kid: verification.kid }) : t("purgeVerifiedDiffers")}>
        <CertificateDetails certificate={verification.certificate} />
      </Alert>
    </div>
  );
};

/** Checks a certificate file someone hands over: the centre's JSON file or a bare signed certificate. */
const VerifyCertificate = () => {
  const { t } = useT();
  const check = useVerification();
  const [file, setFile] = useState<File>();
  const [error, setError] = useState<string>();
  const verify = async () => {
    if (!file) {
      setError(t("purgeNotVerified_format"));
      return;
    }
    let text: string;
    try {
      text = await file.text();
    } catch {
      setError(t("fileUnreadable"));
      return;
    }
    const parsed = certificateFile(text);
    if (!parsed) {
      check.fail({ verified: false, why: "format" });
      return;
    }
    await check.run(parsed.signed, parsed.copy);
  };
  return (
    <section className="pf-v5-u-mt-2xl" aria-labelledby="verify-title">
      <Title headingLevel="h2" id="verify-title" className="pf-v5-u-mb-sm">{t("purgeVerifyTitle")}</Title>
      <p className="pf-v5-u-mb-md">{t("purgeVerifyIntro")}</p>
      <Form isWidthLimited onSubmit={(e) => { e.preventDefault(); void verify(); }}>
        <FormGroup label={t("purgeVerifyFile")} fieldId="certificate-file">
          <input id="certificate-file" type="file" accept=".json,.jws,application/json" className="pf-v5-c-form-control"
            aria-describedby={error ? "certificate-file-error" : undefined}
            onChange={(e) => { setFile(e.target.files?.[0]); setError(undefined); }} />
          {error && <FieldErrorText id="certificate-file-error" text={error} />}
        </FormGroup>
        <div>
          <Button type="submit" variant="secondary" data-testid="verify-certificate">{t("purgeVerifyTitle")}</Button>
        </div>
      </Form>
      <VerificationResult verification={check.result} testId="file-verification" />
    </section>
  );
};
