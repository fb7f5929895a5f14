import { Alert, Button, Card, CardBody, CardTitle } from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { findingText } from "@student-records/shared";
import findingCodes from "@student-records/shared/codes/findings.en.json";
import { isMissing, LoadState, useCentreLoad } from "../components";
import { type Key, useT } from "../i18n";
import { usePeople } from "../people";
import { ActorName, toSecond } from "./AuditParts";

type Finding = { code: string; actor: string | null; count: number; from: string | null; to: string | null };
type Report = { ranAt: string; clean: boolean; auditChainIntact: boolean; auditEntriesChecked: number; findings: Finding[] };

/** What a finding means for the one reading it, and what to do: a text per known code, none for others. */
function adviceOf(code: string): Key | undefined {
  return Object.hasOwn(findingCodes, code) ? (`auditAdvice_${code}` as Key) : undefined;
}

/** The latest self-check's findings in plain words: what was found, by whom, how often, when, and what it means. */
export const Anomalies = () => {
  const { t, language } = useT();
  const latest = useCentreLoad<Report>("/self-check");
  const none = latest.failure !== undefined && isMissing(latest);
  const report = latest.data;
  const nameOf = usePeople(report ? report.findings.map((f) => f.actor) : []);
  return (
    <Card className="pf-v5-u-mb-lg">
      <CardTitle component="h2">{t("auditAnomalies")}</CardTitle>
      <CardBody>
        <p className="pf-v5-u-mb-md">{t("auditAnomaliesIntro")}</p>
        <Button variant="secondary" size="sm" className="pf-v5-u-mb-md" onClick={latest.reload} data-testid="anomalies-refresh">
          {t("refresh")}
        </Button>
        {none ? <p data-testid="anomalies-none">{t("selfCheckNone")}</p> : <LoadState loaded={latest} />}
        {report && (
          <div data-testid="anomalies">
            <Alert variant={report.clean ? "success" : "warning"} isInline
              title={report.clean
                ? t("auditAnomaliesClean", { at: toSecond(report.ranAt, language) })
                : t("auditAnomaliesFound", { count: report.findings.length, at: toSecond(report.ranAt, language) })} />
            {report.findings.length > 0 && (
              <Table aria-label={t("auditAnomalies")} variant="compact" className="pf-v5-u-mt-md">
                <Thead>
                  <Tr>
                    <Th>{t("finding")}</Th>
                    <Th>{t("actor")}</Th>
                    <Th>{t("count")}</Th>
                    <Th>{t("auditPeriod")}</Th>
                  </Tr>
                </Thead>
                <Tbody>
                  {report.findings.map((f, i) => {
                    const advice = adviceOf(f.code);
                    return (
                      <Tr key={i} data-code={f.code} data-testid={`anomaly-${i}`}>
                        <Td dataLabel={t("finding")}>
                          <strong>{findingText(f.code, language)}</strong>
                          {advice && <><br /><small>{t(advice)}</small></>}
                        </Td>
                        <Td dataLabel={t("actor")}><ActorName id={f.actor} name={f.actor ? nameOf(f.actor) : undefined} /></Td>
                        <Td dataLabel={t("count")}>{f.count}</Td>
                        <Td dataLabel={t("auditPeriod")}>
                          {f.from || f.to ? `${toSecond(f.from, language)} – ${toSecond(f.to, language)}` : "—"}
                        </Td>
                      </Tr>
                    );
                  })}
                </Tbody>
              </Table>
            )}
          </div>
        )}
      </CardBody>
    </Card>
  );
};
