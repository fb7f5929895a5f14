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
  problemText,
  type Reply,
  useLoad,
} from "@student-records/shared";
import type { ReactNode } from "react";
import { useApi } from "./api";
import { useT } from "./i18n";

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
  const { t, language } = useT();
  if (loaded.failure && isMissing(loaded)) {
    return <Alert variant="info" isInline title={t("notAvailable", { status: loaded.failure.status })} data-testid="not-available" />;
  }
  if (loaded.failure) {
    return <Alert variant="danger" isInline title={problemText(loaded.failure, language, true)} data-testid="load-error" />;
  }
  if (loaded.data === undefined) {
    return <Spinner size="lg" aria-label={label ?? t("loading")} />;
  }
  return null;
};

/** The outcome of the last action on a page, announced to screen readers. */
export type Notice = { variant: "success" | "danger" | "info"; text: string } | undefined;

export const NoticeLine = ({ notice, testId }: { notice: Notice; testId: string }) =>
  notice ? (
    <div aria-live="polite" className="pf-v5-u-mb-md">
      <Alert variant={notice.variant} isInline title={notice.text} data-testid={testId} />
    </div>
  ) : (
    <div aria-live="polite" />
  );

/** Makes notices of replies in the current language: {@code success} when a call went through, its problem otherwise. */
export function useNotices() {
  const { language } = useT();
  return (reply: Reply<unknown>, success: string): Notice =>
    reply.ok ? { variant: "success", text: success } : { variant: "danger", text: problemText(reply, language, true) };
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
