import {
  Alert,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  FormHelperText,
  HelperText,
  HelperTextItem,
  Spinner,
} from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import {
  entryResultText,
  type EntryResult,
  formatInstant,
  isImpersonated,
  type Loaded,
  operationText,
  outcomeOf,
  PageFrame,
  type Reply,
  useLoad,
} from "@student-records/shared";
import { type ReactNode, useCallback, useEffect } from "react";
import { useApi } from "./api";
import { useToast } from "./feedback";
import { type Key, useT } from "./i18n";
import { plainProblemText } from "./problems";

/**
 * The labels of the fields the API names in its problems, by path without list positions: the labels the centre's
 * forms show them with. A page's own fields may be added here; a field missing here is "another field".
 */
const FIELD_LABELS: Record<string, Key> = {
  clientId: "grantClient",
  purpose: "grantPurpose",
  groups: "grantGroups",
  units: "grantUnits",
  recordIds: "grantRecordIds",
  expiresAt: "grantExpires",
  agreement: "grantAgreementFile",
  "agreement.reference": "grantAgreementReference",
  "agreement.content": "grantAgreementFile",
  "agreement.fileName": "grantAgreementFile",
  "agreement.contentType": "grantAgreementFile",
  reason: "reason",
  decisionReason: "decisionReason",
  outcome: "outcome",
  severity: "severity",
  assignee: "assignee",
  linkedEntries: "linkedEntriesShort",
  purposes: "purposes",
  purposesByRole: "purposesByRole",
  verificationPeriodDays: "verificationPeriodDays",
  centreEmail: "centreEmail",
  selfCheck: "verificationAndCheck",
  "selfCheck.readsPerHour": "readsPerHour",
  "selfCheck.workday": "workday",
  "selfCheck.zone": "zone",
  "selfCheck.staleAdminDays": "staleAdminDays",
  archiveOn: "archiveOn",
  destroyAfterDays: "destroyAfterDays",
  archiveRetentionDays: "archiveRetentionDays",
  auditRetentionDays: "auditRetentionDays",
  title: "incidentTitle",
  description: "incidentDescription",
  discoveredAt: "incidentDiscovered",
};

/** The label of a field the API names by its path (list positions taken off), if the centre has one. */
export function useFieldLabel(): (path: string) => string | undefined {
  const { t } = useT();
  return useCallback(
    (path: string) => {
      const key = FIELD_LABELS[path] ?? FIELD_LABELS[path.replace(/\.[^.]*$/, "")];
      return key ? t(key) : undefined;
    },
    [t],
  );
}

/**
 * The one line of a failed call, in plain words of the user's language: no HTTP status, no JSON path (fields by their
 * labels), the API's own detail in the language the centre asked for.
 */
export function useProblemText(): (reply: Reply<unknown>) => string {
  const { t, language } = useT();
  const label = useFieldLabel();
  return useCallback((reply: Reply<unknown>) => plainProblemText(reply, language, label, t("otherField")), [language, label, t]);
}

/** A page of the centre: its level-1 heading (what the tests wait for), a line on what it is for, its content. */
export const CentrePage = ({ title, intro, children }: { title: string; intro: string; children: ReactNode }) => (
  <PageFrame title={title} intro={intro}>
    {children}
  </PageFrame>
);

/** Loads {@code path} from the API once and whenever reload() is called. */
export function useCentreLoad<T>(path: string | null): Loaded<T> {
  return useLoad<T>(useApi(), path);
}

/** Whether a load failed because this server does not have the endpoint (yet). */
export function isMissing(loaded: Loaded<unknown>): boolean {
  return loaded.failure?.status === 404 || loaded.failure?.status === 405;
}

/** The spinner, problem or "not on this server" line of a load; nothing once the data is there. */
export const LoadState = ({ loaded, label }: { loaded: Loaded<unknown>; label?: string }) => {
  const { t } = useT();
  const problemText = useProblemText();
  if (loaded.failure && isMissing(loaded)) {
    return <Alert variant="info" isInline title={t("notAvailable")} data-testid="not-available" />;
  }
  if (loaded.failure) {
    return <Alert variant="danger" isInline title={problemText(loaded.failure)} data-testid="load-error" />;
  }
  if (loaded.data === undefined) {
    return <Spinner size="lg" aria-label={label ?? t("loading")} />;
  }
  return null;
};

/** The outcome of the last action on a page, announced to screen readers. */
export type Notice = { variant: "success" | "danger" | "info"; text: string } | undefined;

/**
 * Shows each new notice as a toast (where the user looks, however far down a long page they are), with
 * {@code testId}; renders nothing in the page itself.
 */
export const NoticeLine = ({ notice, testId }: { notice: Notice; testId: string }) => {
  const toast = useToast();
  useEffect(() => {
    if (notice && notice.text) {
      toast({ variant: notice.variant, text: notice.text, testId });
    }
  }, [notice, testId, toast]);
  return null;
};

/** Makes notices of replies in the current language: {@code success} when a call went through, its problem otherwise. */
export function useNotices() {
  const problemText = useProblemText();
  return (reply: Reply<unknown>, success: string): Notice =>
    reply.ok ? { variant: "success", text: success } : { variant: "danger", text: problemText(reply) };
}

/**
 * One audit entry as /grants/{id}/uses and /reports/{id}/entries list it: besides who, when and what, the decision,
 * the outcome (done, not done, refused) with its reason, and the administrator who impersonated the person, if any.
 */
export type Entry = EntryResult & {
  sequence: number;
  time: string;
  subject?: string;
  clientId?: string;
  purpose?: string;
  recordId?: string;
  operation: string;
};

/**
 * Audit entries: when, who (and the administrator impersonating them) for what purpose, optionally which record,
 * what was tried and how it ended.
 */
export const EntriesTable = ({ entries, label, withRecord = false, testId, className, nameOf }: {
  entries: Entry[];
  label: string;
  withRecord?: boolean;
  testId?: string;
  className?: string;
  /** Names a person by their user id ("Ada Tester (ada)"); without it, the id is shown. */
  nameOf?: (id: string) => string;
}) => {
  const { t, language } = useT();
  return (
    <Table aria-label={label} variant="compact" data-testid={testId} className={className}>
      <Thead>
        <Tr>
          <Th>#</Th>
          <Th>{t("entryTime")}</Th>
          <Th>{t("entryWho")}</Th>
          {withRecord && <Th>{t("recordId")}</Th>}
          <Th>{t("entryOperation")}</Th>
          <Th>{t("entryOutcome")}</Th>
        </Tr>
      </Thead>
      <Tbody>
        {entries.map((e) => (
          <Tr key={e.sequence} data-operation={e.operation} data-outcome={outcomeOf(e) ?? ""}>
            <Td dataLabel="#">{e.sequence}</Td>
            <Td dataLabel={t("entryTime")}>{formatInstant(e.time, language)}</Td>
            <Td dataLabel={t("entryWho")}>
              {[e.clientId, e.subject && nameOf ? nameOf(e.subject) : e.subject, e.purpose].filter(Boolean).join(" ")}
              {isImpersonated(e) && (
                <>
                  <br />
                  <small data-testid={`impersonated-${e.sequence}`}>{t("entryImpersonatedBy", { id: e.impersonator ?? "" })}</small>
                </>
              )}
            </Td>
            {withRecord && <Td dataLabel={t("recordId")}>{e.recordId ?? "—"}</Td>}
            <Td dataLabel={t("entryOperation")}>{operationText(e.operation, language)}</Td>
            <Td dataLabel={t("entryOutcome")}>{entryResultText(e, language)}</Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};

/** The error under a form field, tied to the field by {@code id} (the field's aria-describedby). */
export const FieldErrorText = ({ id, text }: { id: string; text: string }) => (
  <FormHelperText>
    <HelperText>
      <HelperTextItem variant="error" id={id}>{text}</HelperTextItem>
    </HelperText>
  </FormHelperText>
);

/** One term and its value in a description list; {@code testId} marks the value for the browser tests. */
export const Detail = ({ term, testId, children }: { term: string; testId?: string; children: ReactNode }) => (
  <DescriptionListGroup>
    <DescriptionListTerm>{term}</DescriptionListTerm>
    <DescriptionListDescription data-testid={testId}>{children}</DescriptionListDescription>
  </DescriptionListGroup>
);
