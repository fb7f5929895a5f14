import { ActionGroup, Alert, Button, Form, FormGroup, FormSelect, FormSelectOption, TextArea, TextInput, Title } from "@patternfly/react-core";
import { type FieldError, problemText } from "@student-records/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useLanguage, useStudentRecordsApi } from "../api";
import { type Voice, voiced } from "./voice";

const CORRECTABLE = ["profile.name", "profile.gender", "profile.enrolmentDate", "identity.residentIdNumber", "identity.dateOfBirth"];

/**
 * "Ask for a correction" of a profile or identity field (POST to {@code path}: /me/corrections, or a child's
 * corrections for a guardian), reviewed by the information management centre.
 */
export const CorrectionRequest = ({ path, voice }: { path: string; voice: Voice }) => {
  const { t } = useTranslation();
  const language = useLanguage();
  const api = useStudentRecordsApi();
  const [field, setField] = useState(CORRECTABLE[0]);
  const [value, setValue] = useState("");
  const [reason, setReason] = useState("");
  const [result, setResult] = useState<{ variant: "success" | "danger"; text: string; errors?: FieldError[] }>();

  const send = async () => {
    const [group, name] = field.split(".");
    const reply = await api("POST", path, { body: { changes: { [group]: { [name]: value } }, reason } });
    if (reply.ok) {
      setResult({ variant: "success", text: t("studentRecordCorrectionSent") });
      setValue("");
      setReason("");
    } else {
      setResult({ variant: "danger", text: problemText(reply, language), errors: reply.problem?.errors });
    }
  };

  return (
    <Form onSubmit={(e) => { e.preventDefault(); void send(); }} data-testid="correction-form">
      <Title headingLevel="h2">{t("studentRecordCorrection")}</Title>
      <p>{t(voiced("correctionDescription", voice))}</p>
      {result && (
        <Alert variant={result.variant} isInline title={result.text} data-testid="correction-message">
          {result.errors?.map((e) => (
            <div key={e.field}>
              {e.field}: {e.message}
            </div>
          ))}
        </Alert>
      )}
      <FormGroup label={t("studentRecordCorrectionField")} fieldId="correction-field">
        <FormSelect id="correction-field" value={field} onChange={(_, v) => setField(v)}>
          {CORRECTABLE.map((f) => (
            <FormSelectOption key={f} value={f} label={t(`studentRecordField.${f}`)} />
          ))}
        </FormSelect>
      </FormGroup>
      <FormGroup label={t("studentRecordCorrectionValue")} fieldId="correction-value" isRequired>
        <TextInput id="correction-value" value={value} onChange={(_, v) => setValue(v)} />
      </FormGroup>
      <FormGroup label={t("studentRecordCorrectionReason")} fieldId="correction-reason" isRequired>
        <TextArea id="correction-reason" value={reason} onChange={(_, v) => setReason(v)} />
      </FormGroup>
      <ActionGroup>
        <Button variant="secondary" type="submit" data-testid="send-correction" isDisabled={!value || !reason}>
          {t("studentRecordCorrectionSend")}
        </Button>
      </ActionGroup>
    </Form>
  );
};
