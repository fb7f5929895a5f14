import { Alert, PageSection, Spinner, Text, TextContent, Title } from "@patternfly/react-core";
import { type ReactNode, useCallback, useEffect, useState } from "react";
import { problemText, type Reply, useApi } from "./api";
import { useT } from "./i18n";

/** A page of the centre: its level-1 heading (what the tests wait for), a line on what it is for, its content. */
export const CentrePage = ({ title, intro, children }: { title: string; intro: string; children: ReactNode }) => (
  <>
    <PageSection variant="light">
      <TextContent>
        <Title headingLevel="h1" data-testid="page-heading">
          {title}
        </Title>
        <Text component="p">{intro}</Text>
      </TextContent>
    </PageSection>
    <PageSection>{children}</PageSection>
  </>
);

/** What a GET answered: the body, a problem line, or the status of an endpoint this server does not have. */
export type Loaded<T> = { data?: T; error?: string; missing?: number; reload: () => void };

/** Loads {@code path} once and whenever reload() is called. */
export function useLoad<T>(path: string | null): Loaded<T> {
  const api = useApi();
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string>();
  const [missing, setMissing] = useState<number>();
  const [round, setRound] = useState(0);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  useEffect(() => {
    if (path === null) {
      return;
    }
    const controller = new AbortController();
    api<T>("GET", path, undefined, controller.signal)
      .then((reply) => {
        setError(undefined);
        setMissing(undefined);
        if (reply.ok) {
          setData(reply.body);
        } else if (reply.status === 404 || reply.status === 405) {
          setMissing(reply.status);
        } else {
          setError(problemText(reply));
        }
      })
      .catch(() => undefined);
    return () => controller.abort();
  }, [api, path, round]);
  return { data, error, missing, reload };
}

/** The spinner, problem or "not on this server" line of a load; nothing once the data is there. */
export const LoadState = ({ loaded, label }: { loaded: Loaded<unknown>; label?: string }) => {
  const { t } = useT();
  if (loaded.error) {
    return <Alert variant="danger" isInline title={loaded.error} data-testid="load-error" />;
  }
  if (loaded.missing) {
    return <Alert variant="info" isInline title={t("notAvailable", { status: loaded.missing })} data-testid="not-available" />;
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

/** The notice for an action's reply: {@code success} when it went through, the problem otherwise. */
export function noticeOf(reply: Reply<unknown>, success: string): Notice {
  return reply.ok ? { variant: "success", text: success } : { variant: "danger", text: problemText(reply) };
}
