import {
  ActionGroup,
  Button,
  Checkbox,
  Form,
  FormGroup,
  FormHelperText,
  FormSection,
  FormSelect,
  FormSelectOption,
  HelperText,
  HelperTextItem,
  TextInput,
  Title,
} from "@patternfly/react-core";
import { ArrowLeftIcon } from "@patternfly/react-icons";
import { type FieldError } from "@student-records/shared";
import { type FormEvent, useState } from "react";
import { useApi } from "../../api";
import { FieldErrorText, useProblemText } from "../../components";
import { useToast } from "../../feedback";
import { type Key, useT } from "../../i18n";
import {
  EMPTY_FORM,
  type EnrolForm as FormState,
  enrolmentBody,
  errorsByField,
  type FormField,
  GENDERS,
  RELATIONSHIPS,
  STATUSES,
} from "./fields";
import type { Profile, StudentRecord } from "./recordsApi";
import { recordsEn } from "./texts";

/** The text of a field error in the language: the field's label and what its rule asks, or the server's words. */
export function useFieldErrorText(): (label: string, error: FieldError) => string {
  const { t, language } = useT();
  return (label: string, error: FieldError) => {
    const key = `recRule_${error.rule ?? ""}`;
    const rule = Object.hasOwn(recordsEn, key) ? t(key as Key) : error.message;
    return language === "en" ? `${label} ${rule}` : `${label}${rule}`;
  };
}

type Choice = { field: FormField; options: readonly string[]; prefix: string };

const CHOICES: Partial<Record<FormField, Choice>> = {
  gender: { field: "gender", options: GENDERS, prefix: "recGender_" },
  status: { field: "status", options: STATUSES, prefix: "recStatus_" },
  guardianRelationship: { field: "guardianRelationship", options: RELATIONSHIPS, prefix: "recRelationship_" },
};

const DATES: FormField[] = ["enrolmentDate", "leavingDate", "dateOfBirth"];
const OPTIONAL: FormField[] = ["leavingDate", "nativePlaceName", "email", "guardianName", "guardianRelationship", "guardianPhone"];
const HELP: Partial<Record<FormField, Key>> = { unit: "recUnitHelp", nativePlaceCode: "recNativePlaceHelp", guardianName: "recGuardianHelp" };

const SECTIONS: { title: Key; fields: FormField[] }[] = [
  { title: "recSection_profile", fields: ["studentNumber", "name", "gender", "status", "unit", "enrolmentDate", "leavingDate"] },
  { title: "recSection_identity", fields: ["residentIdNumber", "dateOfBirth", "nativePlaceCode", "nativePlaceName"] },
  { title: "recSection_contact", fields: ["mobilePhone", "email", "homeAddress"] },
  { title: "recSection_guardians", fields: ["guardianName", "guardianRelationship", "guardianPhone"] },
];

/**
 * Enrols one student (POST /records): the record's fields by group, checked by the server as a whole; a refusal marks
 * each broken field with its label and rule and keeps everything typed.
 */
export const EnrolForm = ({ onBack, onEnrolled }: { onBack: () => void; onEnrolled: (id: string, profile: Profile) => void }) => {
  const { t } = useT();
  const problemText = useProblemText();
  const api = useApi();
  const toast = useToast();
  const errorText = useFieldErrorText();
  const [form, setForm] = useState<FormState>(EMPTY_FORM);
  const [errors, setErrors] = useState<Partial<Record<FormField, FieldError>>>({});
  const [busy, setBusy] = useState(false);
  const label = (field: FormField) => t(`recField_${field}` as Key);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const reply = await api<StudentRecord>("POST", "/records", { body: enrolmentBody(form) });
    setBusy(false);
    if (reply.ok && reply.body?.profile) {
      toast({ variant: "success", text: t("recEnrolled", { name: reply.body.profile.name, number: reply.body.profile.studentNumber }), testId: "enrolled" });
      onEnrolled(reply.body.id, reply.body.profile);
      return;
    }
    if (reply.status === 422 && reply.problem?.errors?.length) {
      const { byField, other } = errorsByField(reply.problem.errors);
      setErrors(byField);
      const marked = Object.keys(byField).length;
      toast({ variant: "danger", text: t("recEnrolFix", { count: marked + other.length }), testId: "enrol-refused" });
      for (const error of other) {
        toast({ variant: "danger", text: errorText(error.field, error) });
      }
      const first = SECTIONS.flatMap((s) => s.fields).find((f) => byField[f]);
      if (first) {
        document.getElementById(`enrol-${first}`)?.focus();
      }
      return;
    }
    setErrors({});
    toast({ variant: "danger", text: reply.status === 409 ? t("recEnrolTaken") : problemText(reply), testId: "enrol-refused" });
  };

  const set = (field: FormField, value: string) => {
    setForm((f) => ({ ...f, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };

  const input = (field: FormField) => {
    const id = `enrol-${field}`;
    const error = errors[field];
    const errorId = `${id}-error`;
    const helpId = `${id}-help`;
    const described = [error ? errorId : undefined, HELP[field] ? helpId : undefined].filter(Boolean).join(" ") || undefined;
    const choice = CHOICES[field];
    const required = !OPTIONAL.includes(field);
    return (
      <FormGroup key={field} label={label(field)} isRequired={required} fieldId={id}>
        {choice ? (
          <FormSelect id={id} value={form[field]} onChange={(_e, v) => set(field, v)} validated={error ? "error" : "default"}
            aria-describedby={described} aria-invalid={error ? true : undefined}>
            <FormSelectOption value="" label={t("recChoose")} isPlaceholder />
            {choice.options.map((o) => <FormSelectOption key={o} value={o} label={t(`${choice.prefix}${o}` as Key)} />)}
          </FormSelect>
        ) : (
          <TextInput id={id} value={form[field]} type={DATES.includes(field) ? "date" : "text"} isRequired={required}
            validated={error ? "error" : "default"} aria-describedby={described} onChange={(_e, v) => set(field, v)} />
        )}
        {error && <FieldErrorText id={errorId} text={errorText(label(field), error)} />}
        {HELP[field] && !error && (
          <FormHelperText>
            <HelperText>
              <HelperTextItem id={helpId}>{t(HELP[field])}</HelperTextItem>
            </HelperText>
          </FormHelperText>
        )}
      </FormGroup>
    );
  };

  return (
    <div data-testid="enrol-view">
      <Button variant="link" icon={<ArrowLeftIcon />} onClick={onBack} className="pf-v5-u-mb-md" data-testid="back-to-search">
        {t("recBackToSearch")}
      </Button>
      <Title headingLevel="h2" className="pf-v5-u-mb-sm">{t("recEnrolTitle")}</Title>
      <p className="pf-v5-u-mb-md">{t("recEnrolIntro")}</p>
      <Form onSubmit={(e) => void submit(e)} isWidthLimited data-testid="enrol-form" noValidate>
        {SECTIONS.map((section) => (
          <FormSection key={section.title} title={t(section.title)} titleElement="h3">
            {section.fields.map(input)}
            {section.title === "recSection_guardians" && (
              <Checkbox id="enrol-guardianEmergency" label={t("recField_guardianEmergency")} isChecked={form.guardianEmergency}
                onChange={(_e, checked) => setForm((f) => ({ ...f, guardianEmergency: checked }))} />
            )}
          </FormSection>
        ))}
        <ActionGroup>
          <Button type="submit" variant="primary" isDisabled={busy} isLoading={busy} data-testid="enrol-send">{t("recEnrolSend")}</Button>
          <Button variant="link" onClick={onBack}>{t("cancel")}</Button>
        </ActionGroup>
      </Form>
    </div>
  );
};
