import { Alert, Spinner } from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { formatInstant, operationText, PageFrame, problemText, useLoad } from "@student-records/shared";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { useLanguage, useStudentRecordsApi } from "../api";

type Change = { path: string; before: unknown; after: unknown };
type Entry = {
  version: number;
  time: string;
  operation: string;
  by: { role: string; unit?: string; clientId?: string };
  purpose?: string;
  groups: string[];
  changes: Change[];
};

/** A value before or after a change, as the student reads it: text as it is, "—" for none, anything else as JSON. */
const shown = (value: unknown) =>
  value === null || value === undefined || value === "" ? "—" : typeof value === "string" ? value : JSON.stringify(value);

/**
 * A changed field as the record's form names it ("Mobile phone", "Guardian 2: Phone"), not by its path
 * (`contact.mobilePhone`, `guardians[1].phone`); the nearest named field for a part of one (a native place's code).
 */
const fieldLabel = (t: TFunction, path: string) => {
  const guardian = /^guardians\[(\d+)\]\.?(.*)$/.exec(path);
  const parts = path.replace(/\[\d+\]/g, "").split(".");
  let label = path;
  for (let n = parts.length; n > (guardian ? 1 : 0); n--) {
    const text = t(`studentRecordField.${parts.slice(0, n).join(".")}`, { defaultValue: "" });
    if (text) {
      label = text;
      break;
    }
  }
  if (!guardian) {
    return label;
  }
  const who = t("studentWhatChangedGuardian", { number: Number(guardian[1]) + 1 });
  return guardian[2] ? `${who}: ${label}` : who;
};

/** "What changed": every change of the student's record, newest first, with each field's value before and after. */
export const WhatChanged = () => {
  const { t } = useTranslation();
  const language = useLanguage();
  const loaded = useLoad<{ entries: Entry[] }>(useStudentRecordsApi(), "/me/history");
  const entries = loaded.data?.entries;
  const error = loaded.failure && problemText(loaded.failure, language);

  return (
    <PageFrame title={t("studentWhatChanged")} intro={t("studentWhatChangedDescription")} light>
      {error && <Alert variant="warning" isInline title={error} data-testid="load-error" />}
      {!entries && !error && <Spinner aria-label={t("studentRecordLoading")} />}
      {entries && entries.length === 0 && <p data-testid="no-changes">{t("studentWhatChangedEmpty")}</p>}
      {entries && entries.length > 0 && (
        <Table aria-label={t("studentWhatChanged")} variant="compact" data-testid="changes">
          <Thead>
            <Tr>
              <Th>{t("studentWhatChangedWhen")}</Th>
              <Th>{t("studentWhatChangedHow")}</Th>
              <Th>{t("studentWhatChangedBy")}</Th>
              <Th>{t("studentWhatChangedField")}</Th>
              <Th>{t("studentWhatChangedBefore")}</Th>
              <Th>{t("studentWhatChangedAfter")}</Th>
            </Tr>
          </Thead>
          <Tbody>
            {entries.flatMap((e) =>
              e.changes.map((c, i) => (
                <Tr key={`${e.version}-${c.path}`} data-testid={`change-${e.version}-${c.path}`}>
                  <Td dataLabel={t("studentWhatChangedWhen")}>{i === 0 ? formatInstant(e.time, language) : ""}</Td>
                  <Td dataLabel={t("studentWhatChangedHow")}>{i === 0 ? operationText(e.operation, language) : ""}</Td>
                  <Td dataLabel={t("studentWhatChangedBy")}>
                    {i === 0 ? t(`studentWhatChangedRole.${e.by.role}`, { defaultValue: e.by.role }) : ""}
                  </Td>
                  <Td dataLabel={t("studentWhatChangedField")} data-testid="field">{fieldLabel(t, c.path)}</Td>
                  <Td dataLabel={t("studentWhatChangedBefore")} data-testid="before">{shown(c.before)}</Td>
                  <Td dataLabel={t("studentWhatChangedAfter")} data-testid="after">{shown(c.after)}</Td>
                </Tr>
              )),
            )}
          </Tbody>
        </Table>
      )}
    </PageFrame>
  );
};
