import {
  Card,
  CardBody,
  CardTitle,
  FormSelect,
  FormSelectOption,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
  Button,
} from "@patternfly/react-core";
import { Chart, ChartAxis, ChartBar, ChartStack, ChartThemeColor, ChartVoronoiContainer } from "@patternfly/react-charts";
import { SyncAltIcon } from "@patternfly/react-icons";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { type Language, parseInstant } from "@student-records/shared";
import { useEffect, useMemo, useRef, useState } from "react";
import { LoadState, useCentreLoad } from "../components";
import { type Key, useT } from "../i18n";

type Series = { key: string | null; counts: number[]; total: number; refused: number };
type Counts = { from: string; to: string; by: "client" | "purpose"; bucket: "hour" | "day"; buckets: string[]; series: Series[] };

/** The windows offered: how far back, and whether they may be counted by the hour (the server allows 7 days). */
const WINDOWS: { key: Key; hours: number }[] = [
  { key: "auditLast24Hours", hours: 24 },
  { key: "auditLast7Days", hours: 24 * 7 },
  { key: "auditLast30Days", hours: 24 * 30 },
  { key: "auditLast90Days", hours: 24 * 90 },
];
const HOURLY_UP_TO = 24 * 7;
/** The series drawn one by one; the rest are summed as "others" in the chart (the table lists them all). */
const DRAWN = 6;

/** A bucket's label on the axis: the hour or the day, in the user's language. */
function bucketLabel(value: string, bucket: "hour" | "day", language: Language): string {
  const date = parseInstant(value);
  if (!date) {
    return value;
  }
  return bucket === "hour"
    ? date.toLocaleString(language, { month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit" })
    : date.toLocaleDateString(language, { month: "numeric", day: "numeric" });
}

/** The width of an element, followed as it changes (the chart draws to it). */
function useWidth() {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(600);
  useEffect(() => {
    const element = ref.current;
    if (!element) {
      return;
    }
    const observer = new ResizeObserver(() => setWidth(Math.max(280, element.clientWidth)));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
}

/** Reads of records per client or purpose over time: a stacked bar chart, and the same counts as a table. */
export const Reads = () => {
  const { t, language } = useT();
  const [by, setBy] = useState<"client" | "purpose">("client");
  const [hours, setHours] = useState(24 * 7);
  const [bucket, setBucket] = useState<"hour" | "day">("day");
  // The window ends now: a refresh moves it to the moment of the refresh.
  const [now, setNow] = useState(() => Date.now());
  const path = useMemo(() => {
    const to = new Date(now + 60_000);
    const from = new Date(to.getTime() - hours * 3_600_000);
    const width = hours > HOURLY_UP_TO ? "day" : bucket;
    return `/audit/stats?from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}&by=${by}&bucket=${width}`;
  }, [by, hours, bucket, now]);
  const counts = useCentreLoad<Counts>(path);
  const { ref, width } = useWidth();
  const keyText = (key: string | null) => key ?? t("auditNoPurpose");
  const data = counts.data;
  const drawn = data ? data.series.slice(0, DRAWN) : [];
  const others = data && data.series.length > DRAWN
    ? data.buckets.map((_, i) => data.series.slice(DRAWN).reduce((sum, s) => sum + s.counts[i], 0))
    : undefined;
  const labels = data ? data.buckets.map((b) => bucketLabel(b, data.bucket, language)) : [];
  const legend = [...drawn.map((s) => ({ name: keyText(s.key) })), ...(others ? [{ name: t("auditOthers") }] : [])];
  const ticks = Math.max(2, Math.floor(width / 90));

  return (
    <Card className="pf-v5-u-mb-lg">
      <CardTitle component="h2">{t("auditReads")}</CardTitle>
      <CardBody>
        <p className="pf-v5-u-mb-md">{t("auditReadsIntro")}</p>
        <Toolbar className="audit-toolbar" data-testid="reads-toolbar">
          <ToolbarContent>
            <ToolbarItem>
              <FormSelect id="reads-by" aria-label={t("auditReadsBy")} value={by} onChange={(_, v) => setBy(v as "client" | "purpose")}>
                <FormSelectOption value="client" label={t("auditByClient")} />
                <FormSelectOption value="purpose" label={t("auditByPurpose")} />
              </FormSelect>
            </ToolbarItem>
            <ToolbarItem>
              <FormSelect id="reads-window" aria-label={t("auditWindow")} value={String(hours)} onChange={(_, v) => setHours(Number(v))}>
                {WINDOWS.map((w) => <FormSelectOption key={w.hours} value={String(w.hours)} label={t(w.key)} />)}
              </FormSelect>
            </ToolbarItem>
            <ToolbarItem>
              <FormSelect id="reads-bucket" aria-label={t("auditBucket")} value={hours > HOURLY_UP_TO ? "day" : bucket}
                onChange={(_, v) => setBucket(v as "hour" | "day")}>
                <FormSelectOption value="hour" label={t("auditPerHour")} isDisabled={hours > HOURLY_UP_TO} />
                <FormSelectOption value="day" label={t("auditPerDay")} />
              </FormSelect>
            </ToolbarItem>
            <ToolbarItem>
              <Button variant="plain" aria-label={t("refresh")} onClick={() => setNow(Date.now())} data-testid="reads-refresh">
                <SyncAltIcon />
              </Button>
            </ToolbarItem>
          </ToolbarContent>
        </Toolbar>
        <LoadState loaded={counts} />
        {data && data.series.length === 0 && <p data-testid="reads-empty">{t("auditReadsEmpty")}</p>}
        <div ref={ref} className="audit-chart" data-testid="reads-chart">
          {data && data.series.length > 0 && (
            <Chart
              ariaTitle={t("auditReads")}
              ariaDesc={t("auditReadsChartDesc")}
              containerComponent={<ChartVoronoiContainer labels={({ datum }: { datum: { name: string; y: number } }) =>
                `${datum.name}: ${datum.y}`} constrainToVisibleArea />}
              legendData={legend}
              legendPosition="bottom-left"
              legendAllowWrap
              height={320}
              width={width}
              domainPadding={{ x: [20, 20] }}
              padding={{ bottom: 90, left: 50, right: 20, top: 20 }}
              themeColor={ChartThemeColor.multiOrdered}
            >
              <ChartAxis tickValues={labels} tickCount={ticks} fixLabelOverlap />
              <ChartAxis dependentAxis showGrid tickFormat={(v: number) => (Number.isInteger(v) ? String(v) : "")} />
              <ChartStack>
                {drawn.map((s) => (
                  <ChartBar key={s.key ?? ""} data={s.counts.map((y, i) => ({ x: labels[i], y, name: keyText(s.key) }))} />
                ))}
                {others && <ChartBar key="others" data={others.map((y, i) => ({ x: labels[i], y, name: t("auditOthers") }))} />}
              </ChartStack>
            </Chart>
          )}
        </div>
        {data && data.series.length > 0 && (
          <Table aria-label={t("auditReadsTable")} variant="compact" data-testid="reads-table">
            <Thead>
              <Tr>
                <Th>{by === "client" ? t("auditClient") : t("grantPurpose")}</Th>
                <Th>{t("auditReadsAllowed")}</Th>
                <Th>{t("auditReadsRefused")}</Th>
              </Tr>
            </Thead>
            <Tbody>
              {data.series.map((s) => (
                <Tr key={s.key ?? ""} data-testid={`reads-${s.key ?? "none"}`}>
                  <Td dataLabel={by === "client" ? t("auditClient") : t("grantPurpose")}>{keyText(s.key)}</Td>
                  <Td dataLabel={t("auditReadsAllowed")} data-testid="allowed">{s.total}</Td>
                  <Td dataLabel={t("auditReadsRefused")} data-testid="refused">{s.refused}</Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
      </CardBody>
    </Card>
  );
};
