import { ActionGroup, Alert, Button, Form, FormGroup, FormHelperText, HelperText, HelperTextItem, TextInput } from "@patternfly/react-core";
import { useState } from "react";
import { CentrePage, LoadState, useCentreLoad } from "../components";
import { useT } from "../i18n";
import { type HistoryEntry, HistoryTable } from "./records/HistoryTable";

/** A record id rather than a student number (those are 4 to 20 letters, digits and hyphens). */
const isRecordId = (text: string) => text.length > 20;

/**
 * A record's history (rule 5.1), by the student number (or, for addresses kept from before, the record's id): every
 * change with its fields before and after, who, how and why. The Records page shows the same under an opened record.
 */
export const RecordHistory = () => {
  const { t } = useT();
  const [typed, setTyped] = useState("");
  const [asked, setAsked] = useState<string>();
  const [round, setRound] = useState(0);
  return (
    <CentrePage title={t("recordHistory")} intro={t("recordHistoryIntro")}>
      <Form onSubmit={(e) => { e.preventDefault(); setAsked(typed.trim() || undefined); setRound((r) => r + 1); }} className="pf-v5-u-mb-lg">
        <FormGroup label={t("recHistoryLookup")} fieldId="history-record">
          <TextInput id="history-record" value={typed} onChange={(_, v) => setTyped(v)} aria-describedby="history-record-help" />
          <FormHelperText>
            <HelperText>
              <HelperTextItem id="history-record-help">{t("recHistoryLookupHelp")}</HelperTextItem>
            </HelperText>
          </FormHelperText>
        </FormGroup>
        <ActionGroup>
          <Button type="submit" variant="primary" data-testid="show-history">{t("recordHistoryShow")}</Button>
        </ActionGroup>
      </Form>
      {asked && <History key={`${round}-${asked}`} asked={asked} />}
    </CentrePage>
  );
};

/** The history of one record asked for, by student number or id; a new question is a new one of these. */
const History = ({ asked }: { asked: string }) => {
  const { t } = useT();
  const byNumber = useCentreLoad<{ id: string }>(isRecordId(asked) ? null : `/records?studentNumber=${encodeURIComponent(asked)}`);
  const recordId = isRecordId(asked) ? asked : byNumber.data?.id;
  const history = useCentreLoad<{ entries: HistoryEntry[] }>(recordId ? `/records/${encodeURIComponent(recordId)}/history` : null);
  if (!recordId) {
    return byNumber.failure?.status === 404
      ? <Alert isInline variant="warning" title={t("recNotFound")} data-testid="record-not-found" />
      : <LoadState loaded={byNumber} />;
  }
  if (!history.data) {
    return <LoadState loaded={history} />;
  }
  return history.data.entries.length === 0 ? (
    <p>{t("recordHistoryEmpty")}</p>
  ) : (
    <div className="centre-scroll">
      <HistoryTable entries={history.data.entries} label={t("recordHistory")} />
    </div>
  );
};
