import {
  ActionGroup,
  Alert,
  Button,
  Card,
  CardBody,
  CardFooter,
  CardTitle,
  Checkbox,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Flex,
  FlexItem,
  Form,
  FormGroup,
  Label,
  Text,
  TextContent,
  TextInput,
  Title,
  Tooltip,
} from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { type FormEvent, useState } from "react";
import { answered, type FieldError, formatInstant, type Loaded } from "@student-records/shared";
import { useApi, useSession } from "../api";
import { CentrePage, FieldErrorText, LoadState, useCentreLoad, useNotices, useProblemText } from "../components";
import { ConfirmDialog, useToast } from "../feedback";
import { type Key, useT } from "../i18n";
import { usePeople } from "../people";
import {
  changeTag,
  DAY_RULES,
  type DayRule,
  isProposer,
  LEAVING,
  type Policy,
  type PolicyChange,
  rangeOf,
  type Rule,
  RULES,
  ruleErrors,
  runCounts,
  savedAs,
  shortenedRules,
  untypedDays,
} from "../retentionPolicy";

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

/** The test id of every toast of this page: what the browser tests wait for. */
const MESSAGE = "retention-message";

/** The rule of a field error the form finds itself: days that are not a whole number. */
const WHOLE_DAYS = "whole-days";

/** The retention policy, a change of it waiting for a second administrator, dry runs and runs, legal holds. */
export const Retention = () => {
  const { t } = useT();
  const problemText = useProblemText();
  const policy = useCentreLoad<Policy>("/retention/policy");
  const pending = useCentreLoad<PolicyChange>("/retention/policy/pending");
  // 404: nothing waits (or this server has no approvals yet). A failed reload keeps the last data, so a change that
  // is no longer pending must not stay on screen: only a body without a failure is a pending change.
  const nothingPending = pending.failure?.status === 404 || pending.failure?.status === 405;
  const change = pending.failure ? undefined : pending.data;
  const reload = () => {
    policy.reload();
    pending.reload();
  };
  return (
    <CentrePage title={t("retention")} intro={t("retentionIntro")}>
      {pending.failure && !nothingPending && (
        <Alert variant="warning" isInline className="pf-v5-u-mb-md" data-testid="pending-load-error"
          title={t("pendingUnknown", { problem: problemText(pending.failure) })} />
      )}
      {change && <PendingChange change={change} onDone={reload} />}
      <PolicyForm policy={policy} onSaved={reload} />
      <RunsSection />
      <HoldsSection />
    </CentrePage>
  );
};

/** What a rule's field error says, in the user's language: a range of days it must lie in, where the server names one. */
function useFieldErrorText() {
  const { t, language } = useT();
  return (error: FieldError): string => {
    if (error.rule === WHOLE_DAYS) {
      return t("wholeDays");
    }
    const range = rangeOf(error);
    if (range) {
      return t("daysRange", range);
    }
    if (error.field === "archiveOn") {
      return t("archiveOnInvalid");
    }
    // A rule this page does not know: the server's words in English, a general line otherwise.
    return language === "en" ? error.message : t("fieldInvalid");
  };
}

const PolicyForm = ({ policy, onSaved }: { policy: Loaded<Policy>; onSaved: () => void }) => {
  const { t } = useT();
  const api = useApi();
  const toast = useToast();
  const problemText = useProblemText();
  const errorText = useFieldErrorText();
  const [archiveOn, setArchiveOn] = useState<string[]>([]);
  const [days, setDays] = useState<Record<DayRule, string>>({
    destroyAfterDays: "",
    archiveRetentionDays: "",
    auditRetentionDays: "",
  });
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const [shown, setShown] = useState<Policy>();
  // Every policy the API answers (the first, and the one after a save or an approval) fills the form once.
  if (policy.data && policy.data !== shown) {
    setShown(policy.data);
    setArchiveOn(policy.data.archiveOn);
    setDays({
      destroyAfterDays: String(policy.data.destroyAfterDays),
      archiveRetentionDays: String(policy.data.archiveRetentionDays),
      auditRetentionDays: String(policy.data.auditRetentionDays),
    });
    setErrors([]);
  }

  const save = async (event: FormEvent) => {
    event.preventDefault();
    // Whole days only: anything else is marked at its field and not sent.
    const typed = untypedDays(days).map((field) => ({ field, message: "not a whole number of days", rule: WHOLE_DAYS }));
    if (typed.length > 0) {
      setErrors(typed);
      toast({ variant: "danger", text: t("policyNotSaved"), testId: MESSAGE });
      return;
    }
    const body: Policy = {
      archiveOn,
      destroyAfterDays: Number(days.destroyAfterDays.trim()),
      archiveRetentionDays: Number(days.archiveRetentionDays.trim()),
      auditRetentionDays: Number(days.auditRetentionDays.trim()),
    };
    setBusy(true);
    const reply = await api<Policy | PolicyChange>("PUT", "/retention/policy", { body });
    setBusy(false);
    const outcome = savedAs(reply);
    if (outcome === "awaiting-approval") {
      toast({ variant: "info", text: t("policyAwaitingApproval"), testId: MESSAGE });
      onSaved();
    } else if (outcome === "applied") {
      toast({ variant: "success", text: t("policySaved"), testId: MESSAGE });
      onSaved();
    } else {
      // What was typed stays; the fields the server names (the floor under the periods, say) are marked.
      const named = ruleErrors(reply);
      setErrors(named);
      toast({ variant: "danger", text: problemText(reply), testId: MESSAGE });
    }
  };

  const errorOf = (field: Rule) => errors.find((e) => e.field === field);
  const archiveOnError = errorOf("archiveOn");
  return (
    <>
      <Title headingLevel="h2" className="pf-v5-u-mb-sm">{t("policy")}</Title>
      <TextContent className="pf-v5-u-mb-md">
        <Text component="p">{t("policyIntro")}</Text>
      </TextContent>
      <LoadState loaded={policy} />
      {policy.data && (
        <Form onSubmit={(e) => void save(e)} isWidthLimited data-testid="policy-form">
          <FormGroup label={t("archiveOn")} role="group" isInline fieldId="archive-on">
            {LEAVING.map((s) => (
              <Checkbox key={s} id={`archive-on-${s}`} label={t(`enrolment_${s}` as Key)} isChecked={archiveOn.includes(s)}
                onChange={(_e, c) => setArchiveOn(c ? [...archiveOn, s] : archiveOn.filter((x) => x !== s))} />
            ))}
            {archiveOnError && <FieldErrorText id="archive-on-error" text={errorText(archiveOnError)} />}
          </FormGroup>
          {DAY_RULES.map((field) => {
            const id = { destroyAfterDays: "destroy-after", archiveRetentionDays: "keep-archive",
              auditRetentionDays: "keep-audit" }[field];
            const error = errorOf(field);
            return (
              <FormGroup key={field} label={t(field)} fieldId={id}>
                <TextInput id={id} type="number" inputMode="numeric" min={0} value={days[field]}
                  validated={error ? "error" : "default"} aria-describedby={error ? `${id}-error` : undefined}
                  onChange={(_e, v) => setDays({ ...days, [field]: v })} />
                {error && <FieldErrorText id={`${id}-error`} text={errorText(error)} />}
              </FormGroup>
            );
          })}
          <ActionGroup>
            <Button type="submit" variant="primary" isLoading={busy} isDisabled={busy} data-testid="save-policy">
              {t("save")}
            </Button>
          </ActionGroup>
        </Form>
      )}
    </>
  );
};

/**
 * A change that makes retention shorter, waiting for a second administrator: before and after, who asked and when,
 * Approve (not for the one who asked) and Cancel, both confirmed first.
 */
const PendingChange = ({ change, onDone }: { change: PolicyChange; onDone: () => void }) => {
  const { t, language } = useT();
  const api = useApi();
  const toast = useToast();
  const problemText = useProblemText();
  const { keycloak } = useSession();
  const me = (keycloak.tokenParsed as { sub?: string } | undefined)?.sub;
  const mine = isProposer(change, me);
  const nameOf = usePeople([change.proposedBy]);
  const [confirming, setConfirming] = useState<"approve" | "cancel">();
  const shorter = shortenedRules(change.current, change.proposed);

  const decide = async (action: "approve" | "cancel") => {
    // The approval names the change this page shows (its ETag is when it was proposed): never another one.
    const reply = await api<PolicyChange>("POST", `/retention/policy/${action}`,
      action === "approve" ? { ifMatch: changeTag(change) } : {});
    setConfirming(undefined);
    toast(reply.ok
      ? { variant: "success", text: t(action === "approve" ? "policyApproved" : "policyCancelled"), testId: MESSAGE }
      // 403 for the one who asked (four-eyes) or under impersonation, 409 when nothing is pending any more, 412 when
      // another change waits now.
      : { variant: "danger", text: problemText(reply), testId: MESSAGE });
    // Approved, cancelled, or (409) no longer pending: the page shows what is in force now either way.
    onDone();
  };

  const value = (policy: Policy, rule: Rule): string => {
    if (rule === "archiveOn") {
      return policy.archiveOn.length === 0
        ? t("none")
        : LEAVING.filter((s) => policy.archiveOn.includes(s)).map((s) => t(`enrolment_${s}` as Key)).join(t("listSeparator"));
    }
    return t(policy[rule] === 1 ? "day" : "days", { count: policy[rule] });
  };

  const approve = (
    <Button variant="primary" isAriaDisabled={mine} onClick={() => setConfirming("approve")} data-testid="approve-policy">
      {t("approve")}
    </Button>
  );
  return (
    <Card className="pf-v5-u-mb-xl" data-testid="pending-policy" data-proposed-by={change.proposedBy}
      data-mine={mine ? "true" : "false"}>
      <CardTitle component="h2">
        <Label color="orange" className="pf-v5-u-mr-sm">{t("state_PENDING")}</Label>
        {t("pendingTitle")}
      </CardTitle>
      <CardBody>
        <TextContent className="pf-v5-u-mb-md">
          <Text component="p">{t("pendingIntro")}</Text>
        </TextContent>
        <DescriptionList isCompact isHorizontal horizontalTermWidthModifier={{ default: "12ch" }} className="pf-v5-u-mb-md">
          <DescriptionListGroup>
            <DescriptionListTerm>{t("proposedBy")}</DescriptionListTerm>
            <DescriptionListDescription data-testid="pending-proposed-by">
              {mine ? t("you") : t("anotherAdministrator")}
              {!mine && (
                <>
                  <br />
                  <small className="pf-v5-u-color-200">{nameOf(change.proposedBy)}</small>
                </>
              )}
            </DescriptionListDescription>
          </DescriptionListGroup>
          <DescriptionListGroup>
            <DescriptionListTerm>{t("proposedAt")}</DescriptionListTerm>
            <DescriptionListDescription>{formatInstant(change.proposedAt, language)}</DescriptionListDescription>
          </DescriptionListGroup>
        </DescriptionList>
        <Table aria-label={t("pendingTitle")} variant="compact" data-testid="pending-policy-rules">
          <Thead>
            <Tr>
              <Th>{t("rule")}</Th>
              <Th>{t("inForce")}</Th>
              <Th>{t("proposed")}</Th>
            </Tr>
          </Thead>
          <Tbody>
            {RULES.map((rule) => (
              <Tr key={rule} data-rule={rule} data-shorter={shorter.has(rule) ? "true" : "false"}>
                <Td dataLabel={t("rule")}>{t(rule)}</Td>
                <Td dataLabel={t("inForce")}>{value(change.current, rule)}</Td>
                <Td dataLabel={t("proposed")}>
                  {/* One inline box, so that the label stays beside the value when the table stacks on a phone. */}
                  <span className={shorter.has(rule) ? "centre-diff-changed" : undefined}>
                    {value(change.proposed, rule)}
                    {shorter.has(rule) && (
                      <Label color="orange" isCompact className="pf-v5-u-ml-sm">{t("shorter")}</Label>
                    )}
                  </span>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
        {mine && (
          <p className="pf-v5-u-mt-md" data-testid="pending-mine">{t("approveOwnChange")}</p>
        )}
      </CardBody>
      <CardFooter>
        <Flex spaceItems={{ default: "spaceItemsSm" }}>
          <FlexItem>
            {mine ? <Tooltip content={t("approveOwnChange")}>{approve}</Tooltip> : approve}
          </FlexItem>
          <FlexItem>
            <Button variant="secondary" onClick={() => setConfirming("cancel")} data-testid="cancel-policy">
              {t("cancelChange")}
            </Button>
          </FlexItem>
        </Flex>
      </CardFooter>
      {confirming === "approve" && (
        <ConfirmDialog title={t("approveChangeTitle")} confirmLabel={t("approve")} variant="danger"
          onConfirm={() => decide("approve")} onClose={() => setConfirming(undefined)} testId="confirm-approve-policy">
          {t("approveChangeBody")}
        </ConfirmDialog>
      )}
      {confirming === "cancel" && (
        <ConfirmDialog title={t("cancelChangeTitle")} confirmLabel={t("cancelChange")} backLabel={t("back")}
          onConfirm={() => decide("cancel")} onClose={() => setConfirming(undefined)} testId="confirm-cancel-policy">
          {t("cancelChangeBody")}
        </ConfirmDialog>
      )}
    </Card>
  );
};

const RunsSection = () => {
  const { t, language } = useT();
  const api = useApi();
  const toast = useToast();
  const noticeOf = useNotices();
  const runs = useCentreLoad<{ runs: Run[] }>("/retention/runs");
  const [confirmingRun, setConfirmingRun] = useState(false);
  const run = async (dryRun: boolean) => {
    const reply = await api<Run>("POST", "/retention/runs", { body: { dryRun } });
    // What the run did (or, dry, would do), not the button's label.
    const done = answered(reply) ? t(dryRun ? "dryRunDone" : "runDone", runCounts(reply.body)) : "";
    const notice = noticeOf(reply, done);
    if (notice) toast({ ...notice, testId: MESSAGE });
    runs.reload();
  };
  return (
    <>
      <Title headingLevel="h2" className="pf-v5-u-mt-xl pf-v5-u-mb-md">{t("runs")}</Title>
      <div className="pf-v5-u-mb-md">
        <Button variant="secondary" className="pf-v5-u-mr-sm" onClick={() => void run(true)} data-testid="dry-run">
          {t("dryRun")}
        </Button>
        <Button variant="danger" onClick={() => setConfirmingRun(true)} data-testid="run-retention">{t("runNow")}</Button>
      </div>
      {confirmingRun && (
        <ConfirmDialog title={t("runNow")} confirmLabel={t("runNow")} variant="danger" testId="confirm-run-retention"
          onConfirm={async () => { await run(false); setConfirmingRun(false); }} onClose={() => setConfirmingRun(false)}>
          {t("runConfirm")}
        </ConfirmDialog>
      )}
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

const HoldsSection = () => {
  const { t, language } = useT();
  const api = useApi();
  const toast = useToast();
  const noticeOf = useNotices();
  const holds = useCentreLoad<{ holds?: Hold[]; legalHolds?: Hold[] }>("/legal-holds");
  const [recordId, setRecordId] = useState("");
  const [reason, setReason] = useState("");
  const all = holds.data?.legalHolds ?? holds.data?.holds ?? [];
  const nameOf = usePeople(all.map((h) => h.placedBy));
  const announce = (notice: ReturnType<ReturnType<typeof useNotices>>) => {
    if (notice) toast({ ...notice, testId: MESSAGE });
  };
  const place = async (event: FormEvent) => {
    event.preventDefault();
    announce(noticeOf(await api("POST", `/records/${encodeURIComponent(recordId.trim())}/legal-holds`,
      { body: { reason: reason.trim() } }), t("holdPlaced")));
    holds.reload();
  };
  const [lifting, setLifting] = useState<Hold>();
  const lift = async (hold: Hold) => {
    announce(noticeOf(await api("POST", `/legal-holds/${encodeURIComponent(hold.id)}/lift`), t("holdLifted")));
    setLifting(undefined);
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
                <Td dataLabel={t("placedBy")} data-testid={`placed-by-${h.id}`}>{nameOf(h.placedBy)}</Td>
                <Td dataLabel={t("placedAt")}>{formatInstant(h.placedAt, language)}</Td>
                <Td dataLabel={t("liftedAt")}>{formatInstant(h.liftedAt, language)}</Td>
                <Td dataLabel={t("actions")}>
                  {!h.liftedAt && (
                    <Button variant="secondary" size="sm" onClick={() => setLifting(h)} data-testid={`lift-${h.id}`}>
                      {t("lift")}
                    </Button>
                  )}
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      {lifting && (
        <ConfirmDialog title={t("lift")} confirmLabel={t("lift")} variant="danger" testId="confirm-lift"
          onConfirm={() => lift(lifting)} onClose={() => setLifting(undefined)}>
          {t("liftConfirm", { reason: lifting.reason })}
        </ConfirmDialog>
      )}
    </>
  );
};
