import { Button, Card, CardBody, CardTitle, FormGroup, Stack, StackItem, TextArea } from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { useState } from "react";
import { formatInstant } from "@student-records/shared";
import { useApi } from "../api";
import { ConfirmDialog } from "../feedback";
import { CentrePage, LoadState, type Notice, NoticeLine, useCentreLoad, useNotices } from "../components";
import { type Key, useT } from "../i18n";
import { useFieldName } from "./records/HistoryTable";

type Review = {
  recordId: string;
  baseVersion: number;
  request: { id: string; status: string; groups: string[]; reason: string; requestedAt: string };
  changes: Record<string, { before: Record<string, unknown> | null; after: Record<string, unknown> | null }>;
};

/** A value as text: nested objects (a native place) as compact JSON. */
function text(value: unknown): string {
  if (value === null || value === undefined) {
    return "—";
  }
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** Fields whose values are codes, with the prefix of their texts: a person reads "Male", not MALE. */
const CODED: Record<string, string> = {
  "profile.gender": "recGender_",
  "profile.status": "recStatus_",
};

/**
 * The student a correction is about, by name and number, from the values the review already holds (the profile's
 * "before" when the request touches the profile); undefined otherwise, and the record's id is shown.
 */
function studentOf(review: Review): string | undefined {
  const before = review.changes.profile?.before;
  const name = before?.name;
  const number = before?.studentNumber;
  return typeof name === "string" && typeof number === "string" ? `${name} (${number})` : undefined;
}

/** Pending corrections: for each, every field of the touched groups before and after; approve or reject with a reason. */
export const Corrections = () => {
  const { t } = useT();
  const corrections = useCentreLoad<{ corrections: Review[] }>("/corrections");
  const [notice, setNotice] = useState<Notice>();
  return (
    <CentrePage title={t("corrections")} intro={t("correctionsIntro")}>
      <NoticeLine notice={notice} testId="correction-message" />
      <LoadState loaded={corrections} />
      {corrections.data && corrections.data.corrections.length === 0 && <p>{t("correctionsEmpty")}</p>}
      <Stack hasGutter>
        {corrections.data?.corrections.map((c) => (
          <StackItem key={c.request.id}>
            <CorrectionCard review={c} onDone={(n) => { setNotice(n); corrections.reload(); }} />
          </StackItem>
        ))}
      </Stack>
    </CentrePage>
  );
};

const CorrectionCard = ({ review, onDone }: { review: Review; onDone: (notice: Notice) => void }) => {
  const { t, language } = useT();
  const fieldName = useFieldName();
  const shown = (path: string, value: unknown) =>
    CODED[path] && typeof value === "string" ? t(`${CODED[path]}${value}` as Key) : text(value);
  const api = useApi();
  const noticeOf = useNotices();
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const id = review.request.id;
  const student = studentOf(review) ?? `${t("recordId")} ${review.recordId}`;

  const decide = async (decision: "approve" | "reject") => {
    if (decision === "reject" && !reason.trim()) {
      onDone({ variant: "danger", text: t("rejectNeedsReason") });
      return;
    }
    setBusy(true);
    const body = decision === "approve" ? { note: reason.trim() || null } : { reason: reason.trim() };
    const reply = await api("POST", `/corrections/${encodeURIComponent(id)}/${decision}`, { body });
    setBusy(false);
    onDone(noticeOf(reply, t(decision === "approve" ? "correctionApproved" : "correctionRejected")));
  };

  return (
    <Card data-testid={`correction-${id}`} data-record={review.recordId}>
      <CardTitle component="h2">
        {student} · {t("correctionRequested")} {formatInstant(review.request.requestedAt, language)}
      </CardTitle>
      <CardBody>
        <p className="pf-v5-u-mb-md">
          <strong>{t("correctionStudentReason")}:</strong> {review.request.reason}
        </p>
        {Object.entries(review.changes).map(([group, change]) => {
          const fields = Array.from(new Set([...Object.keys(change.before ?? {}), ...Object.keys(change.after ?? {})]));
          return (
            <Table key={group} aria-label={`${t(`group_${group}` as Key)}: ${t("before")} / ${t("after")}`}
              variant="compact" className="pf-v5-u-mb-md" data-testid={`diff-${group}`}>
              <Thead>
                <Tr>
                  <Th>{t(`group_${group}` as Key)} · {t("field")}</Th>
                  <Th>{t("before")}</Th>
                  <Th>{t("after")}</Th>
                </Tr>
              </Thead>
              <Tbody>
                {fields.map((f) => {
                  const before = shown(`${group}.${f}`, change.before?.[f]);
                  const after = shown(`${group}.${f}`, change.after?.[f]);
                  const changed = before !== after;
                  return (
                    <Tr key={f} data-testid={changed ? `changed-${group}.${f}` : undefined}>
                      <Td dataLabel={t("field")}>{fieldName(`${group}.${f}`)}</Td>
                      <Td dataLabel={t("before")} className={changed ? "centre-diff-changed" : undefined}>
                        {changed ? <del>{before}</del> : before}
                      </Td>
                      <Td dataLabel={t("after")} className={changed ? "centre-diff-changed" : undefined}>
                        {changed ? <ins>{after}</ins> : after}
                      </Td>
                    </Tr>
                  );
                })}
              </Tbody>
            </Table>
          );
        })}
        <FormGroup label={t("decisionReason")} fieldId={`decision-${id}`}>
          <TextArea id={`decision-${id}`} value={reason} onChange={(_e, v) => setReason(v)} resizeOrientation="vertical" />
        </FormGroup>
        <div className="pf-v5-u-mt-md">
          <Button variant="primary" className="pf-v5-u-mr-sm" isDisabled={busy} data-testid={`approve-correction-${id}`}
            onClick={() => setConfirming(true)}>
            {t("approve")}
          </Button>
          <Button variant="danger" isDisabled={busy} data-testid={`reject-correction-${id}`} onClick={() => void decide("reject")}>
            {t("reject")}
          </Button>
        </div>
        {confirming && (
          // The record changes at once, a name or an identity number included: asked once more, as a destruction is.
          <ConfirmDialog title={t("correctionApproveTitle")} confirmLabel={t("approve")} testId={`confirm-approve-correction-${id}`}
            onConfirm={() => decide("approve").finally(() => setConfirming(false))} onClose={() => setConfirming(false)}>
            <p>{t("correctionApproveBody", { student })}</p>
          </ConfirmDialog>
        )}
      </CardBody>
    </Card>
  );
};
