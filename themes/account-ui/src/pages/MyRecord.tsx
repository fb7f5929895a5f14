import {
  ActionGroup,
  Alert,
  Button,
  Checkbox,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Form,
  FormGroup,
  FormHelperText,
  FormSelect,
  FormSelectOption,
  HelperText,
  HelperTextItem,
  Spinner,
  TextArea,
  TextInput,
  Title,
} from "@patternfly/react-core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { FieldError, formatInstant, problemText, useStudentRecordsApi } from "../api";
import { StudentPage } from "./StudentPage";

type Guardian = { name: string; relationship: string; phone: string; emergencyContact: boolean };
type Contact = { mobilePhone: string; email?: string; homeAddress: string };
type StudentRecord = {
  id: string;
  version: number;
  profile?: Record<string, string | null>;
  identity?: { residentIdNumber: string; dateOfBirth: string; nativePlace?: { code: string; name?: string } };
  contact?: Contact;
  guardians?: Guardian[];
  updatedAt?: string;
  verifiedAt?: string | null;
};

const PROFILE_FIELDS = ["studentNumber", "name", "gender", "status", "unit", "enrolmentDate", "leavingDate"];
const RELATIONSHIPS = ["FATHER", "MOTHER", "GRANDPARENT", "LEGAL_GUARDIAN", "OTHER"];
const CORRECTABLE = ["profile.name", "profile.gender", "profile.enrolmentDate", "identity.residentIdNumber", "identity.dateOfBirth"];

/** "My record": every group of the student's own record; contact and guardians edited in place. */
export const MyRecord = () => {
  const { t, i18n } = useTranslation();
  const api = useStudentRecordsApi();
  const [record, setRecord] = useState<StudentRecord>();
  const [etag, setEtag] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string>();
  const [contact, setContact] = useState<Contact>({ mobilePhone: "", email: "", homeAddress: "" });
  const [guardians, setGuardians] = useState<Guardian[]>([]);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [message, setMessage] = useState<{ variant: "success" | "danger"; text: string }>();

  const show = (found: StudentRecord, tag: string | null) => {
    setRecord(found);
    setEtag(tag);
    setContact({ mobilePhone: "", email: "", homeAddress: "", ...found.contact });
    setGuardians(found.guardians ?? []);
  };

  useEffect(() => {
    const controller = new AbortController();
    api<StudentRecord>("GET", "/me", { signal: controller.signal })
      .then((reply) => (reply.ok ? show(reply.body, reply.etag) : setLoadError(problemText(reply))))
      .catch(() => undefined);
    return () => controller.abort();
  }, [api]);

  const save = async () => {
    setMessage(undefined);
    setErrors([]);
    const patch = { contact: { ...contact, email: contact.email || null }, guardians };
    const reply = await api<StudentRecord>("PATCH", "/me", {
      body: patch,
      contentType: "application/merge-patch+json",
      ifMatch: etag,
    });
    if (reply.ok) {
      const fresh = await api<StudentRecord>("GET", "/me");
      if (fresh.ok) {
        show(fresh.body, fresh.etag);
      }
      setMessage({ variant: "success", text: t("studentRecordSaved") });
    } else {
      setErrors(reply.problem?.errors ?? []);
      setMessage({
        variant: "danger",
        text: reply.status === 412 ? t("studentRecordStale") : t("studentRecordNotSaved", { reason: problemText(reply) }),
      });
    }
  };

  const confirm = async () => {
    setMessage(undefined);
    const reply = await api<StudentRecord>("POST", "/me/verification");
    if (reply.ok) {
      show(reply.body, reply.etag);
      setMessage({ variant: "success", text: t("studentRecordConfirmedNow") });
    } else {
      setMessage({ variant: "danger", text: problemText(reply) });
    }
  };

  if (loadError) {
    return (
      <StudentPage title={t("studentRecord")} description={t("studentRecordDescription")}>
        <Alert variant="warning" isInline title={t("studentRecordUnavailable")}>
          {loadError}
        </Alert>
      </StudentPage>
    );
  }
  if (!record) {
    return <Spinner aria-label={t("studentRecordLoading")} />;
  }

  const errorOf = (field: string) => errors.find((e) => e.field === field)?.message;
  const fieldHelp = (field: string) => {
    const error = errorOf(field);
    return error ? (
      <FormHelperText>
        <HelperText>
          <HelperTextItem variant="error" id={`${field}-error`} data-testid={`error-${field}`}>
            {error}
          </HelperTextItem>
        </HelperText>
      </FormHelperText>
    ) : null;
  };
  const setGuardian = (index: number, change: Partial<Guardian>) =>
    setGuardians(guardians.map((g, i) => (i === index ? { ...g, ...change } : g)));

  return (
    <StudentPage title={t("studentRecord")} description={t("studentRecordDescription")}>
      {message && (
        <Alert variant={message.variant} isInline title={message.text} data-testid="record-message" className="pf-v5-u-mb-md">
          {errors.length > 0 && (
            <ul>
              {errors.map((e) => (
                <li key={e.field}>
                  {e.field}: {e.message}
                </li>
              ))}
            </ul>
          )}
        </Alert>
      )}
      <Title headingLevel="h2">{t("studentRecordVerification")}</Title>
      <p data-testid="verified-at">
        {t("studentRecordLastConfirmed")}: {record.verifiedAt ? formatInstant(record.verifiedAt, i18n.language) : t("studentRecordNeverConfirmed")}
      </p>
      <Button variant="secondary" onClick={confirm} data-testid="confirm-record" className="pf-v5-u-mb-lg">
        {t("studentRecordIsCorrect")}
      </Button>

      <Title headingLevel="h2">{t("studentRecordProfile")}</Title>
      <DescriptionList isHorizontal className="pf-v5-u-mb-lg" data-testid="profile">
        {PROFILE_FIELDS.filter((f) => record.profile?.[f]).map((f) => (
          <DescriptionListGroup key={f}>
            <DescriptionListTerm>{t(`studentRecordField.profile.${f}`)}</DescriptionListTerm>
            <DescriptionListDescription data-testid={`profile-${f}`}>{record.profile?.[f]}</DescriptionListDescription>
          </DescriptionListGroup>
        ))}
      </DescriptionList>

      <Title headingLevel="h2">{t("studentRecordIdentity")}</Title>
      <DescriptionList isHorizontal className="pf-v5-u-mb-lg">
        <DescriptionListGroup>
          <DescriptionListTerm>{t("studentRecordField.identity.residentIdNumber")}</DescriptionListTerm>
          <DescriptionListDescription>{record.identity?.residentIdNumber}</DescriptionListDescription>
        </DescriptionListGroup>
        <DescriptionListGroup>
          <DescriptionListTerm>{t("studentRecordField.identity.dateOfBirth")}</DescriptionListTerm>
          <DescriptionListDescription>{record.identity?.dateOfBirth}</DescriptionListDescription>
        </DescriptionListGroup>
        <DescriptionListGroup>
          <DescriptionListTerm>{t("studentRecordField.identity.nativePlace")}</DescriptionListTerm>
          <DescriptionListDescription>
            {record.identity?.nativePlace?.name} ({record.identity?.nativePlace?.code})
          </DescriptionListDescription>
        </DescriptionListGroup>
      </DescriptionList>

      <Form onSubmit={(e) => { e.preventDefault(); save(); }} className="pf-v5-u-mb-lg" data-testid="contact-form">
        <Title headingLevel="h2">{t("studentRecordContact")}</Title>
        <FormGroup label={t("studentRecordField.contact.mobilePhone")} fieldId="contact-mobilePhone" isRequired>
          <TextInput
            id="contact-mobilePhone"
            value={contact.mobilePhone}
            validated={errorOf("contact.mobilePhone") ? "error" : "default"}
            aria-describedby={errorOf("contact.mobilePhone") ? "contact.mobilePhone-error" : undefined}
            onChange={(_, v) => setContact({ ...contact, mobilePhone: v })}
          />
          {fieldHelp("contact.mobilePhone")}
        </FormGroup>
        <FormGroup label={t("studentRecordField.contact.email")} fieldId="contact-email">
          <TextInput
            id="contact-email"
            type="email"
            value={contact.email ?? ""}
            validated={errorOf("contact.email") ? "error" : "default"}
            onChange={(_, v) => setContact({ ...contact, email: v })}
          />
          {fieldHelp("contact.email")}
        </FormGroup>
        <FormGroup label={t("studentRecordField.contact.homeAddress")} fieldId="contact-homeAddress" isRequired>
          <TextInput
            id="contact-homeAddress"
            value={contact.homeAddress}
            validated={errorOf("contact.homeAddress") ? "error" : "default"}
            onChange={(_, v) => setContact({ ...contact, homeAddress: v })}
          />
          {fieldHelp("contact.homeAddress")}
        </FormGroup>

        <Title headingLevel="h2">{t("studentRecordGuardians")}</Title>
        {fieldHelp("guardians")}
        {guardians.map((g, i) => (
          <div key={i} className="pf-v5-u-mb-md" data-testid={`guardian-${i}`}>
            <FormGroup label={t("studentRecordField.guardians.name")} fieldId={`guardian-${i}-name`} isRequired>
              <TextInput id={`guardian-${i}-name`} value={g.name} onChange={(_, v) => setGuardian(i, { name: v })}
                validated={errorOf(`guardians[${i}].name`) ? "error" : "default"} />
              {fieldHelp(`guardians[${i}].name`)}
            </FormGroup>
            <FormGroup label={t("studentRecordField.guardians.relationship")} fieldId={`guardian-${i}-relationship`}>
              <FormSelect id={`guardian-${i}-relationship`} value={g.relationship}
                onChange={(_, v) => setGuardian(i, { relationship: v })}>
                {RELATIONSHIPS.map((r) => (
                  <FormSelectOption key={r} value={r} label={t(`studentRecordRelationship.${r}`)} />
                ))}
              </FormSelect>
            </FormGroup>
            <FormGroup label={t("studentRecordField.guardians.phone")} fieldId={`guardian-${i}-phone`} isRequired>
              <TextInput id={`guardian-${i}-phone`} value={g.phone} onChange={(_, v) => setGuardian(i, { phone: v })}
                validated={errorOf(`guardians[${i}].phone`) ? "error" : "default"} />
              {fieldHelp(`guardians[${i}].phone`)}
            </FormGroup>
            <Checkbox id={`guardian-${i}-emergency`} label={t("studentRecordField.guardians.emergencyContact")}
              isChecked={g.emergencyContact} onChange={(_, v) => setGuardian(i, { emergencyContact: v })} />
            <Button variant="link" isDanger onClick={() => setGuardians(guardians.filter((_, j) => j !== i))}>
              {t("studentRecordRemoveGuardian")}
            </Button>
          </div>
        ))}
        <Button variant="link" onClick={() => setGuardians([...guardians, { name: "", relationship: "MOTHER", phone: "", emergencyContact: false }])}>
          {t("studentRecordAddGuardian")}
        </Button>
        <ActionGroup>
          <Button variant="primary" type="submit" data-testid="save-record">
            {t("studentRecordSave")}
          </Button>
        </ActionGroup>
      </Form>

      <CorrectionRequest />
    </StudentPage>
  );
};

/** "Ask for a correction" of a profile or identity field, reviewed by the information management centre. */
const CorrectionRequest = () => {
  const { t } = useTranslation();
  const api = useStudentRecordsApi();
  const [field, setField] = useState(CORRECTABLE[0]);
  const [value, setValue] = useState("");
  const [reason, setReason] = useState("");
  const [result, setResult] = useState<{ variant: "success" | "danger"; text: string; errors?: FieldError[] }>();

  const send = async () => {
    const [group, name] = field.split(".");
    const reply = await api("POST", "/me/corrections", { body: { changes: { [group]: { [name]: value } }, reason } });
    if (reply.ok) {
      setResult({ variant: "success", text: t("studentRecordCorrectionSent") });
      setValue("");
      setReason("");
    } else {
      setResult({ variant: "danger", text: problemText(reply), errors: reply.problem?.errors });
    }
  };

  return (
    <Form onSubmit={(e) => { e.preventDefault(); send(); }} data-testid="correction-form">
      <Title headingLevel="h2">{t("studentRecordCorrection")}</Title>
      <p>{t("studentRecordCorrectionDescription")}</p>
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
