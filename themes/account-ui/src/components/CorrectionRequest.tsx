import {
  ActionGroup,
  Alert,
  Button,
  Form,
  FormGroup,
  FormHelperText,
  FormSelect,
  FormSelectOption,
  HelperText,
  HelperTextItem,
  TextArea,
  TextInput,
  Title,
} from "@patternfly/react-core";
import { type FieldError, problemText } from "@student-records/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useLanguage, useStudentRecordsApi } from "../api";
import { fieldLabel } from "../fields";
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
    setResult(undefined);
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

  // Each error at its field: the value's (the field chosen, or the change as a whole) and the reason's; the others,
  // about fields this form does not show, in the message with their labels.
  const errors = result?.errors ?? [];
  const atValue = errors.filter((e) => e.field === field || e.field === "changes" || e.field.startsWith(`${field.split(".")[0]}.`));
  const atReason = errors.filter((e) => e.field === "reason");
  const elsewhere = errors.filter((e) => !atValue.includes(e) && !atReason.includes(e));

  return (
    <Form onSubmit={(e) => { e.preventDefault(); void send(); }} data-testid="correction-form">
      <Title headingLevel="h2">{t("studentRecordCorrection")}</Title>
      <p>{t(voiced("correctionDescription", voice))}</p>
      {result && (
        <Alert variant={result.variant} isInline title={result.text} data-testid="correction-message">
          {elsewhere.map((e) => (
            <div key={e.field}>
              {fieldLabel(e.field, t)}: {e.message}
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
        <TextInput id="correction-value" value={value} onChange={(_, v) => setValue(v)}
          validated={atValue.length > 0 ? "error" : "default"} aria-describedby={atValue.length > 0 ? "correction-value-error" : undefined} />
        <FieldErrors id="correction-value-error" errors={atValue} label={(f) => fieldLabel(f, t)} />
      </FormGroup>
      <FormGroup label={t("studentRecordCorrectionReason")} fieldId="correction-reason" isRequired>
        <TextArea id="correction-reason" value={reason} onChange={(_, v) => setReason(v)}
          validated={atReason.length > 0 ? "error" : "default"} aria-describedby={atReason.length > 0 ? "correction-reason-error" : undefined} />
        <FieldErrors id="correction-reason-error" errors={atReason} label={(f) => fieldLabel(f, t)} />
      </FormGroup>
      <ActionGroup>
        <Button variant="secondary" type="submit" data-testid="send-correction" isDisabled={!value || !reason}>
          {t("studentRecordCorrectionSend")}
        </Button>
      </ActionGroup>
    </Form>
  );
};

/** The server's errors of one field, under it, each with the label of the field it names. */
const FieldErrors = ({ id, errors, label }: { id: string; errors: FieldError[]; label: (field: string) => string }) =>
  errors.length === 0 ? null : (
    <FormHelperText>
      <HelperText id={id}>
        {errors.map((e) => (
          <HelperTextItem key={`${e.field}-${e.rule ?? ""}`} variant="error" data-testid={`correction-error-${e.field}`}>
            {label(e.field)}: {e.message}
          </HelperTextItem>
        ))}
      </HelperText>
    </FormHelperText>
  );
