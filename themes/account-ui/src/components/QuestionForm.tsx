import { ActionGroup, Alert, Button, Form, FormGroup, Radio, TextArea } from "@patternfly/react-core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useLanguage, useStudentRecordsApi } from "../api";
import { reportRefusal, type ReportRefusal } from "../reportErrors";
import { type Voice, voiced } from "./voice";

type Kind = "MISUSE" | "QUESTION";

/**
 * A question or a misuse report about a record to the information management centre (POST {@code path} with
 * {"kind", "message"}), from the student about their own or a guardian about their child's; the centre and the
 * supervisors see who sent it. A refusal says why at the field, in the person's language.
 */
export const QuestionForm = ({ path, voice = "guardian", onSent }: { path: string; voice?: Voice; onSent?: () => void }) => {
  const { t } = useTranslation();
  const language = useLanguage();
  const api = useStudentRecordsApi();
  const [kind, setKind] = useState<Kind>("QUESTION");
  const [message, setMessage] = useState("");
  const [result, setResult] = useState<ReportRefusal & { variant: "success" | "danger" }>();

  const send = async () => {
    setResult(undefined);
    const reply = await api("POST", path, { body: { kind, message } });
    if (reply.ok) {
      setResult({ variant: "success", title: t(kind === "QUESTION" ? voiced("questionSent", voice) : "studentReportSent"), lines: [], atMessage: false });
      setMessage("");
      onSent?.();
      return;
    }
    setResult({ variant: "danger", ...reportRefusal(reply, voice, t, language) });
  };

  return (
    <Form onSubmit={(e) => { e.preventDefault(); void send(); }} data-testid="question-form">
      {result && (
        <Alert variant={result.variant} isInline title={result.title} data-testid="question-message">
          {result.lines.length > 0 && (
            <ul>
              {result.lines.map((line) => <li key={line}>{line}</li>)}
            </ul>
          )}
        </Alert>
      )}
      <FormGroup role="radiogroup" isStack label={t("guardianReportKind")} fieldId="report-kind" isRequired>
        <Radio id="report-kind-question" name="report-kind" label={t("guardianReportKind.QUESTION")}
          description={t(voiced("questionDescription", voice))} isChecked={kind === "QUESTION"} onChange={() => setKind("QUESTION")} />
        <Radio id="report-kind-misuse" name="report-kind" label={t("guardianReportKind.MISUSE")}
          description={t(voiced("misuseDescription", voice))} isChecked={kind === "MISUSE"} onChange={() => setKind("MISUSE")} />
      </FormGroup>
      <FormGroup label={t("guardianReportMessage")} fieldId="question-text" isRequired>
        <TextArea id="question-text" value={message} onChange={(_, v) => setMessage(v)} validated={result?.atMessage ? "error" : "default"} />
      </FormGroup>
      <ActionGroup>
        <Button variant="primary" type="submit" isDisabled={!message.trim()} data-testid="send-question">
          {t("guardianReportSend")}
        </Button>
      </ActionGroup>
    </Form>
  );
};
