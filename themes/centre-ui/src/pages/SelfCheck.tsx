import { Alert, Button, Spinner, DescriptionList, DescriptionListDescription, DescriptionListGroup, DescriptionListTerm } from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { useState } from "react";
import { answered, findingText, formatInstant } from "@student-records/shared";
import { useApi } from "../api";
import { CentrePage, isMissing, type Notice, NoticeLine, useCentreLoad, useProblemText } from "../components";
import { useT } from "../i18n";
import { usePeople } from "../people";

/** The user id of a finding's actor ({@code user:<id>}), or undefined for a client, a grant or the realm. */
function userOf(actor: string | null): string | undefined {
  return actor?.startsWith("user:") ? actor.slice("user:".length) : undefined;
}

type Finding = { code: string; actor: string | null; count: number; from: string | null; to: string | null };
type Report = { ranAt: string; clean: boolean; auditChainIntact: boolean; auditEntriesChecked: number; findings: Finding[] };

/** The latest security self-check report, and a run on demand. */
export const SelfCheck = () => {
  const { t, language } = useT();
  const api = useApi();
  const problemText = useProblemText();
  const latest = useCentreLoad<Report>("/self-check");
  const missing = latest.failure !== undefined && isMissing(latest);
  const [report, setReport] = useState<Report>();
  const [notice, setNotice] = useState<Notice>();
  const [busy, setBusy] = useState(false);
  const shown = report ?? latest.data;
  const nameOf = usePeople(shown?.findings.map((f) => userOf(f.actor)) ?? []);
  /** A person by name and username; a client or grant as "client: library-app"; the realm as a dash. */
  const actorText = (actor: string | null) => {
    const user = userOf(actor);
    if (user) {
      return nameOf(user);
    }
    const [kind, ...rest] = (actor ?? "").split(":");
    return actor && rest.length > 0 && (kind === "client" || kind === "grant")
      ? `${t(kind === "client" ? "actorClient" : "actorGrant")}: ${rest.join(":")}` : actor ?? "—";
  };

  const run = async () => {
    setBusy(true);
    const reply = await api<Report>("POST", "/self-check");
    setBusy(false);
    if (answered(reply)) {
      setReport(reply.body);
      setNotice(undefined);
    } else {
      setNotice({ variant: "danger", text: problemText(reply) });
    }
  };

  return (
    <CentrePage title={t("selfCheck")} intro={t("selfCheckIntro")}>
      <NoticeLine notice={notice} testId="self-check-message" />
      <div className="pf-v5-u-mb-md">
        <Button variant="primary" onClick={() => void run()} isLoading={busy} isDisabled={busy} data-testid="run-self-check">
          {t("selfCheckRun")}
        </Button>
      </div>
      {latest.failure && !missing && !shown && (
        <Alert variant="danger" isInline title={problemText(latest.failure)} data-testid="load-error" />
      )}
      {!shown && missing && <p data-testid="self-check-none">{t("selfCheckNone")}</p>}
      {!shown && !latest.failure && <Spinner size="lg" aria-label={t("loading")} />}
      {shown && (
        <div data-testid="self-check-report">
          <Alert variant={shown.clean ? "success" : "warning"} isInline
            title={shown.clean ? t("selfCheckClean") : shown.findings.length === 1 ? t("selfCheckFinding") : t("selfCheckFindings", { count: shown.findings.length })} />
          <DescriptionList isHorizontal className="pf-v5-u-my-md">
            <DescriptionListGroup>
              <DescriptionListTerm>{t("ranAt")}</DescriptionListTerm>
              <DescriptionListDescription>{formatInstant(shown.ranAt, language)}</DescriptionListDescription>
            </DescriptionListGroup>
            <DescriptionListGroup>
              <DescriptionListTerm>{t("chainIntact")}</DescriptionListTerm>
              <DescriptionListDescription>{shown.auditChainIntact ? t("yes") : t("no")}</DescriptionListDescription>
            </DescriptionListGroup>
            <DescriptionListGroup>
              <DescriptionListTerm>{t("entriesChecked")}</DescriptionListTerm>
              <DescriptionListDescription>{shown.auditEntriesChecked}</DescriptionListDescription>
            </DescriptionListGroup>
          </DescriptionList>
          {shown.findings.length > 0 && (
            <Table aria-label={t("selfCheck")} variant="compact" data-testid="self-check-findings">
              <Thead>
                <Tr>
                  <Th>{t("finding")}</Th>
                  <Th>{t("actor")}</Th>
                  <Th>{t("count")}</Th>
                  <Th>{t("entryTime")}</Th>
                </Tr>
              </Thead>
              <Tbody>
                {shown.findings.map((f, i) => (
                  <Tr key={i}>
                    <Td dataLabel={t("finding")} data-code={f.code}>{findingText(f.code, language)}</Td>
                    <Td dataLabel={t("actor")} data-actor={f.actor ?? ""}>{actorText(f.actor)}</Td>
                    <Td dataLabel={t("count")}>{f.count}</Td>
                    <Td dataLabel={t("entryTime")}>
                      {formatInstant(f.from, language)} – {formatInstant(f.to, language)}
                    </Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          )}
        </div>
      )}
    </CentrePage>
  );
};
