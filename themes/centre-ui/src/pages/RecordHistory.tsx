import { ActionGroup, Button, Form, FormGroup, TextInput } from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { formatInstant, operationText } from "@student-records/shared";
import { useState } from "react";
import { CentrePage, LoadState, useCentreLoad } from "../components";
import { useT } from "../i18n";

type Entry = {
  version: number;
  time: string;
  operation: string;
  by: { role: string; unit?: string; subject?: string; clientId?: string };
  purpose?: string;
  changes: { path: string; before: unknown; after: unknown }[];
};

/** A value before or after a change: text as it is, "—" for none, anything else as compact JSON. */
const shown = (value: unknown) =>
  value === null || value === undefined || value === "" ? "—" : typeof value === "string" ? value : JSON.stringify(value);

/** A record's history (rule 5.1), by its id: every change with its fields before and after, who, how and why. */
export const RecordHistory = () => {
  const { t, language } = useT();
  const [typed, setTyped] = useState("");
  const [recordId, setRecordId] = useState<string>();
  const history = useCentreLoad<{ entries: Entry[] }>(recordId ? `/records/${encodeURIComponent(recordId)}/history` : null);
  return (
    <CentrePage title={t("recordHistory")} intro={t("recordHistoryIntro")}>
      <Form onSubmit={(e) => { e.preventDefault(); setRecordId(typed.trim() || undefined); }} className="pf-v5-u-mb-lg">
        <FormGroup label={t("recordId")} fieldId="history-record">
          <TextInput id="history-record" value={typed} onChange={(_, v) => setTyped(v)} />
        </FormGroup>
        <ActionGroup>
          <Button type="submit" variant="primary" data-testid="show-history">{t("recordHistoryShow")}</Button>
        </ActionGroup>
      </Form>
      {recordId && <LoadState loaded={history} />}
      {recordId && history.data && history.data.entries.length === 0 && <p>{t("recordHistoryEmpty")}</p>}
      {recordId && history.data && history.data.entries.length > 0 && (
        <Table aria-label={t("recordHistory")} variant="compact" data-testid="record-history">
          <Thead>
            <Tr>
              <Th>{t("recordHistoryWhen")}</Th>
              <Th>{t("recordHistoryHow")}</Th>
              <Th>{t("recordHistoryBy")}</Th>
              <Th>{t("recordHistoryField")}</Th>
              <Th>{t("recordHistoryBefore")}</Th>
              <Th>{t("recordHistoryAfter")}</Th>
            </Tr>
          </Thead>
          <Tbody>
            {history.data.entries.flatMap((e) =>
              e.changes.map((c, i) => (
                <Tr key={`${e.version}-${c.path}`} data-testid={`history-${e.version}-${c.path}`}>
                  <Td dataLabel={t("recordHistoryWhen")}>{i === 0 ? formatInstant(e.time, language) : ""}</Td>
                  <Td dataLabel={t("recordHistoryHow")}>{i === 0 ? operationText(e.operation, language) : ""}</Td>
                  <Td dataLabel={t("recordHistoryBy")}>
                    {i === 0 ? [e.by.role, e.by.unit, e.by.clientId, e.purpose].filter(Boolean).join(" · ") : ""}
                  </Td>
                  <Td dataLabel={t("recordHistoryField")}>{c.path}</Td>
                  <Td dataLabel={t("recordHistoryBefore")} data-testid="before">{shown(c.before)}</Td>
                  <Td dataLabel={t("recordHistoryAfter")} data-testid="after">{shown(c.after)}</Td>
                </Tr>
              )),
            )}
          </Tbody>
        </Table>
      )}
    </CentrePage>
  );
};
