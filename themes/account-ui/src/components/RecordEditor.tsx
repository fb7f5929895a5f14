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
  TextInput,
  Title,
} from "@patternfly/react-core";
import { answered, type FieldError, formatInstant, problemText, useLoad } from "@student-records/shared";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useLanguage, useStudentRecordsApi } from "../api";
import { changeValue, fieldLabel, keepTyped, profileValue, type ServerChange, serverChanges } from "../fields";
import { CorrectionRequest } from "./CorrectionRequest";
import { type Voice, voiced } from "./voice";

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

/**
 * A student record at {@code path} (GET with its ETag): every group shown, contact and guardians edited in place and
 * saved with PATCH (merge patch) and If-Match, the API's field errors at their fields, then a correction request to
 * {@code path}/corrections. The student's own record ({@code /me}) also offers "My record is correct"
 * ({@code verification}); a guardian's copy of a child's record does not.
 */
export const RecordEditor = ({ path, voice, verification = false }: { path: string; voice: Voice; verification?: boolean }) => {
  const { t } = useTranslation();
  const language = useLanguage();
  const api = useStudentRecordsApi();
  const loaded = useLoad<StudentRecord>(api, path);
  const [record, setRecord] = useState<StudentRecord>();
  const [etag, setEtag] = useState<string | null>(null);
  const [contact, setContact] = useState<Contact>({ mobilePhone: "", email: "", homeAddress: "" });
  const [guardians, setGuardians] = useState<Guardian[]>([]);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [message, setMessage] = useState<{ variant: "success" | "danger"; text: string }>();
  // The outcome shows above the form, far from the buttons at its foot: brought into view, or Save seems to do nothing.
  const messageAt = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (message) {
      messageAt.current?.scrollIntoView?.({ block: "start" });
    }
  }, [message]);
  const [shownLoad, setShownLoad] = useState<StudentRecord>();
  const [changedMeanwhile, setChangedMeanwhile] = useState<ServerChange[]>([]);

  const show = (found: StudentRecord, tag: string | null) => {
    setRecord(found);
    setEtag(tag);
    setContact({ mobilePhone: "", email: "", homeAddress: "", ...found.contact });
    setGuardians(found.guardians ?? []);
  };

  // The loaded record fills the form once; later the record comes from the answers to a save or a confirmation.
  if (loaded.data && loaded.data !== shownLoad) {
    setShownLoad(loaded.data);
    show(loaded.data, loaded.etag ?? null);
  }

  const save = async () => {
    setMessage(undefined);
    setErrors([]);
    setChangedMeanwhile([]);
    const patch = { contact: { ...contact, email: contact.email || null }, guardians };
    const reply = await api<StudentRecord>("PATCH", path, {
      body: patch,
      contentType: "application/merge-patch+json",
      ifMatch: etag,
    });
    if (reply.ok) {
      const fresh = await api<StudentRecord>("GET", path);
      if (answered(fresh)) {
        show(fresh.body, fresh.etag);
        setMessage({ variant: "success", text: t("studentRecordSaved") });
      } else {
        // Saved, but the fresh copy did not come: say both, so that nobody edits a stale form unknowingly.
        setMessage({ variant: "danger", text: `${t("studentRecordSaved")} ${problemText(fresh, language)}` });
      }
    } else if (reply.status === 412 && record) {
      // Someone changed the record meanwhile: what was typed stays in the form, every field not typed in takes the
      // server's value, the server's copy becomes the one a save applies to, and the person sees what changed there.
      const fresh = await api<StudentRecord>("GET", path);
      if (answered(fresh)) {
        setChangedMeanwhile(serverChanges(record, fresh.body));
        const kept = keepTyped(record, { contact, guardians }, fresh.body);
        setRecord(fresh.body);
        setEtag(fresh.etag);
        setContact(kept.contact);
        setGuardians(kept.guardians);
        setMessage({ variant: "danger", text: t(voiced("recordStale", voice)) });
      } else {
        setMessage({ variant: "danger", text: t("studentRecordNotSaved", { reason: problemText(fresh, language) }) });
      }
    } else {
      setErrors(reply.problem?.errors ?? []);
      setMessage({ variant: "danger", text: t("studentRecordNotSaved", { reason: problemText(reply, language) }) });
    }
  };

  const confirm = async () => {
    setMessage(undefined);
    const reply = await api<StudentRecord>("POST", `${path}/verification`);
    if (answered(reply)) {
      show(reply.body, reply.etag);
      setMessage({ variant: "success", text: t("studentRecordConfirmedNow") });
    } else {
      setMessage({ variant: "danger", text: problemText(reply, language) });
    }
  };

  if (!record && loaded.failure) {
    return (
      <Alert variant="warning" isInline title={t(voiced("recordUnavailable", voice))} data-testid="load-error">
        {problemText(loaded.failure, language)}
      </Alert>
    );
  }
  if (!record) {
    return <Spinner aria-label={t(voiced("recordLoading", voice))} />;
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
    <>
      <div ref={messageAt} />
      {message && (
        <Alert variant={message.variant} isInline title={message.text} data-testid="record-message" className="pf-v5-u-mb-md">
          {errors.length > 0 && (
            <ul>
              {errors.map((e) => (
                <li key={e.field}>
                  {fieldLabel(e.field, t)}: {e.message}
                </li>
              ))}
            </ul>
          )}
          {changedMeanwhile.length > 0 && (
            <>
              <p>{t("studentRecordChangedMeanwhile")}</p>
              <ul data-testid="changed-meanwhile">
                {changedMeanwhile.map((c) => (
                  <li key={c.field} data-field={c.field}>
                    {t("studentRecordChangedFromTo", {
                      field: fieldLabel(c.field, t), before: changeValue(c.field, c.before, t), after: changeValue(c.field, c.after, t),
                    })}
                  </li>
                ))}
              </ul>
            </>
          )}
        </Alert>
      )}
      {verification && (
        <>
          <Title headingLevel="h2">{t("studentRecordVerification")}</Title>
          <p data-testid="verified-at">
            {t("studentRecordLastConfirmed")}: {record.verifiedAt ? formatInstant(record.verifiedAt, language) : t("studentRecordNeverConfirmed")}
          </p>
          <Button variant="secondary" onClick={() => void confirm()} data-testid="confirm-record" className="pf-v5-u-mb-lg">
            {t("studentRecordIsCorrect")}
          </Button>
        </>
      )}

      <Title headingLevel="h2">{t("studentRecordProfile")}</Title>
      <DescriptionList isHorizontal className="pf-v5-u-mb-lg" data-testid="profile">
        {PROFILE_FIELDS.filter((f) => record.profile?.[f]).map((f) => (
          <DescriptionListGroup key={f}>
            <DescriptionListTerm>{t(`studentRecordField.profile.${f}`)}</DescriptionListTerm>
            <DescriptionListDescription data-testid={`profile-${f}`}>{profileValue(f, record.profile?.[f] ?? "", t)}</DescriptionListDescription>
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
          <DescriptionListDescription data-testid="identity-dateOfBirth">{record.identity?.dateOfBirth}</DescriptionListDescription>
        </DescriptionListGroup>
        <DescriptionListGroup>
          <DescriptionListTerm>{t("studentRecordField.identity.nativePlace")}</DescriptionListTerm>
          <DescriptionListDescription>
            {record.identity?.nativePlace?.name} ({record.identity?.nativePlace?.code})
          </DescriptionListDescription>
        </DescriptionListGroup>
      </DescriptionList>

      <Form onSubmit={(e) => { e.preventDefault(); void save(); }} className="pf-v5-u-mb-lg" data-testid="contact-form">
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
            aria-describedby={errorOf("contact.email") ? "contact.email-error" : undefined}
            onChange={(_, v) => setContact({ ...contact, email: v })}
          />
          {fieldHelp("contact.email")}
        </FormGroup>
        <FormGroup label={t("studentRecordField.contact.homeAddress")} fieldId="contact-homeAddress" isRequired>
          <TextInput
            id="contact-homeAddress"
            value={contact.homeAddress}
            validated={errorOf("contact.homeAddress") ? "error" : "default"}
            aria-describedby={errorOf("contact.homeAddress") ? "contact.homeAddress-error" : undefined}
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

      <CorrectionRequest path={`${path}/corrections`} voice={voice} />
    </>
  );
};
