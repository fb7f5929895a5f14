import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { formatInstant, operationText } from "@student-records/shared";
import { type Key, useT } from "../../i18n";
import { fieldOfAnyGuardian } from "./fields";

/** One change of a record, as GET /records/{id}/history lists it. */
export type HistoryEntry = {
  version: number;
  time: string;
  operation: string;
  by: { role: string; unit?: string; subject?: string; clientId?: string };
  purpose?: string;
  changes: { path: string; before: unknown; after: unknown }[];
};

const BY_ROLES = ["SELF", "STAFF", "ADMIN", "CLIENT", "GRANT", "SYSTEM"];

/** A value before or after a change: text as it is, "—" for none, anything else as compact JSON. */
const shown = (value: unknown) =>
  value === null || value === undefined || value === "" ? "—" : typeof value === "string" ? value : JSON.stringify(value);

/** The name of a changed field on the enrolment form (with the guardian's number), or its path when it has none. */
export function useFieldName(): (path: string) => string {
  const { t } = useT();
  return (path: string) => {
    const found = fieldOfAnyGuardian(path);
    if (!found) {
      return path;
    }
    const name = t(`recField_${found.field}` as Key);
    return found.guardian ? `${name} ${found.guardian}` : name;
  };
}

/** A record's changes (rule 5.1), newest first: when, how, by whom and why, each field before and after. */
export const HistoryTable = ({ entries, label }: { entries: HistoryEntry[]; label: string }) => {
  const { t, language } = useT();
  const fieldName = useFieldName();
  const byText = (role: string) => (BY_ROLES.includes(role) ? t(`recBy_${role}` as Key) : role);
  return (
    <Table aria-label={label} variant="compact" data-testid="record-history">
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
        {entries.flatMap((e) =>
          e.changes.map((c, i) => (
            <Tr key={`${e.version}-${c.path}`} data-testid={`history-${e.version}-${c.path}`}>
              <Td dataLabel={t("recordHistoryWhen")}>{i === 0 ? formatInstant(e.time, language) : ""}</Td>
              <Td dataLabel={t("recordHistoryHow")}>{i === 0 ? operationText(e.operation, language) : ""}</Td>
              <Td dataLabel={t("recordHistoryBy")}>
                {i === 0 ? [byText(e.by.role), e.by.unit, e.by.clientId, e.purpose].filter(Boolean).join(" · ") : ""}
              </Td>
              <Td dataLabel={t("recordHistoryField")} data-testid="field">{fieldName(c.path)}</Td>
              <Td dataLabel={t("recordHistoryBefore")} data-testid="before">{shown(c.before)}</Td>
              <Td dataLabel={t("recordHistoryAfter")} data-testid="after">{shown(c.after)}</Td>
            </Tr>
          )),
        )}
      </Tbody>
    </Table>
  );
};
