import {
  ActionGroup,
  Button,
  Form,
  FormGroup,
  FormHelperText,
  FormSection,
  HelperText,
  HelperTextItem,
  Switch,
  Text,
  TextContent,
  TextInput,
} from "@patternfly/react-core";
import { type FormEvent, useState } from "react";
import { type FieldError } from "@student-records/shared";
import { list, useApi } from "../api";
import { CentrePage, FieldErrorText, LoadState, useCentreLoad, useProblemText } from "../components";
import { useToast } from "../feedback";
import { type Key, useT } from "../i18n";
import { PurposeSelect } from "../PurposeSelect";
import {
  bodyOf,
  limitsOf,
  purposeIndexOf,
  type PurposesByRole,
  realmPurposeErrors,
  type Role,
  type RoleLimits,
  roleErrors,
  ROLES,
  strayPurposes,
  unplacedRoleErrors,
} from "../purposesByRole";

type SettingsBody = {
  purposes: string[];
  purposesByRole: PurposesByRole;
  verificationPeriodDays: number;
  centreEmail: string | null;
  selfCheck: { readsPerHour: number; workday: string; zone: string; staleAdminDays: number };
};

/** The test id of every toast of this page: what the browser tests wait for. */
const MESSAGE = "settings-message";

/** The plain fields after the purposes: their keys in messages and their paths in the settings object (the 422's field names). */
const FIELDS: { key: Key; path: string; type?: "number" | "email" }[] = [
  { key: "verificationPeriodDays", path: "verificationPeriodDays", type: "number" },
  { key: "centreEmail", path: "centreEmail", type: "email" },
  { key: "readsPerHour", path: "selfCheck.readsPerHour", type: "number" },
  { key: "workday", path: "selfCheck.workday" },
  { key: "zone", path: "selfCheck.zone" },
  { key: "staleAdminDays", path: "selfCheck.staleAdminDays", type: "number" },
];

function flatten(s: SettingsBody): Record<string, string> {
  return {
    purposes: s.purposes.join(", "),
    verificationPeriodDays: String(s.verificationPeriodDays ?? ""),
    centreEmail: s.centreEmail ?? "",
    "selfCheck.readsPerHour": String(s.selfCheck?.readsPerHour ?? ""),
    "selfCheck.workday": s.selfCheck?.workday ?? "",
    "selfCheck.zone": s.selfCheck?.zone ?? "",
    "selfCheck.staleAdminDays": String(s.selfCheck?.staleAdminDays ?? ""),
  };
}

function number(text: string): number | null {
  return text.trim() === "" ? null : Number(text);
}

/**
 * GET/PUT /settings: the realm's purposes and the purposes each role may declare, the verification period, the
 * centre's email, the self-check's thresholds.
 */
export const Settings = () => {
  const { t, language } = useT();
  const api = useApi();
  const toast = useToast();
  const problemText = useProblemText();
  const settings = useCentreLoad<SettingsBody>("/settings");
  const [values, setValues] = useState<Record<string, string>>({});
  const [limits, setLimits] = useState<RoleLimits>(limitsOf(undefined));
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [sent, setSent] = useState<SettingsBody>();
  const [busy, setBusy] = useState(false);

  const [shown, setShown] = useState<SettingsBody>();
  // Every answer of the API (the first, and the one after a save) fills the form once.
  if (settings.data && settings.data !== shown) {
    setShown(settings.data);
    setValues(flatten(settings.data));
    setLimits(limitsOf(settings.data.purposesByRole));
    setErrors([]);
  }
  const realmPurposes = list(values.purposes ?? "");

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const body: SettingsBody = {
      purposes: realmPurposes,
      purposesByRole: bodyOf(limits, settings.data?.purposesByRole),
      verificationPeriodDays: number(values.verificationPeriodDays ?? "") as number,
      centreEmail: (values.centreEmail ?? "").trim() || null,
      selfCheck: {
        readsPerHour: number(values["selfCheck.readsPerHour"] ?? "") as number,
        workday: (values["selfCheck.workday"] ?? "").trim(),
        zone: (values["selfCheck.zone"] ?? "").trim(),
        staleAdminDays: number(values["selfCheck.staleAdminDays"] ?? "") as number,
      },
    };
    setBusy(true);
    const reply = await api<SettingsBody>("PUT", "/settings", { body });
    setBusy(false);
    if (reply.ok) {
      toast({ variant: "success", text: t("settingsSaved"), testId: MESSAGE });
      settings.reload();
      return;
    }
    // What was typed stays; the fields the server names are marked where they are shown.
    const named = reply.problem?.errors ?? [];
    setSent(body);
    setErrors(named);
    const placed = named.length > 0 && named.every((e) => e.field.startsWith("purposes") || FIELDS.some((f) => f.path === e.field));
    toast({ variant: "danger", text: placed ? t("settingsNotSaved") : problemText(reply), testId: MESSAGE });
  };

  /** What a field error of the purposes says, in the user's language; the purpose it names is the one sent. */
  const purposeErrorText = (error: FieldError, purposes: string[] | undefined): string => {
    const index = purposeIndexOf(error);
    const purpose = index === undefined ? "" : (purposes?.[index] ?? "");
    if (error.field === "purposesByRole" && error.rule !== "role") {
      // The object as a whole (this page always sends one): the server's words in English, a general line otherwise.
      return language === "en" ? error.message : t("fieldInvalid");
    }
    switch (error.rule) {
      case "required":
        return t(index === undefined ? (error.field === "purposes" ? "purposesRequired" : "rolePurposesRequired") : "purposeBlank");
      case "size":
        return t("purposesSize");
      case "unique":
        return t("purposeTwice", { purpose });
      case "pattern":
        return t("purposePattern", { purpose });
      case "realm-purpose":
        return t("purposeNotInRealm", { purpose });
      case "role":
        return t("roleNotLimitable");
      default:
        return language === "en" ? error.message : t("fieldInvalid");
    }
  };

  const realmErrors = realmPurposeErrors(errors);
  const unplaced = unplacedRoleErrors(errors);
  return (
    <CentrePage title={t("settings")} intro={t("settingsIntro")}>
      <LoadState loaded={settings} />
      {settings.data && (
        <Form onSubmit={(e) => void save(e)} isWidthLimited data-testid="settings-form">
          <FormSection title={t("purposesSection")} titleElement="h2">
            <FormGroup label={t("purposes")} fieldId="setting-purposes">
              <TextInput id="setting-purposes" value={values.purposes ?? ""}
                validated={realmErrors.length > 0 ? "error" : "default"}
                aria-describedby="setting-purposes-helper"
                onChange={(_e, v) => setValues({ ...values, purposes: v })} />
              <FormHelperText>
                <HelperText id="setting-purposes-helper">
                  {realmErrors.length === 0 && <HelperTextItem>{t("purposesHelp")}</HelperTextItem>}
                  {realmErrors.map((e) => (
                    <HelperTextItem key={e.field + e.rule} variant="error">{purposeErrorText(e, sent?.purposes)}</HelperTextItem>
                  ))}
                </HelperText>
              </FormHelperText>
            </FormGroup>
            <TextContent>
              <Text component="h3">{t("purposesByRole")}</Text>
              <Text component="p">{t("purposesByRoleIntro")}</Text>
            </TextContent>
            {ROLES.map((role) => (
              <RolePurposes key={role} role={role} limits={limits} onChange={setLimits} realmPurposes={realmPurposes}
                errors={roleErrors(errors, role)}
                errorText={(e) => purposeErrorText(e, sent?.purposesByRole[role])} />
            ))}
            {unplaced.length > 0 && (
              <HelperText data-testid="roles-error">
                {unplaced.map((e) => (
                  <HelperTextItem key={e.field + e.rule} variant="error">{purposeErrorText(e, undefined)}</HelperTextItem>
                ))}
              </HelperText>
            )}
          </FormSection>
          <FormSection title={t("verificationAndCheck")} titleElement="h2">
            {FIELDS.map((f) => {
              const error = errors.find((e) => e.field === f.path);
              const id = `setting-${f.path.replace(".", "-")}`;
              return (
                <FormGroup key={f.path} label={t(f.key)} fieldId={id}>
                  <TextInput id={id} type={f.type ?? "text"} value={values[f.path] ?? ""}
                    validated={error ? "error" : "default"} aria-describedby={error ? `${id}-error` : undefined}
                    onChange={(_e, v) => setValues({ ...values, [f.path]: v })} />
                  {error && <FieldErrorText id={`${id}-error`} text={error.message} />}
                </FormGroup>
              );
            })}
          </FormSection>
          <ActionGroup>
            <Button type="submit" variant="primary" isLoading={busy} isDisabled={busy} data-testid="save-settings">
              {t("save")}
            </Button>
            <Button variant="link" isDisabled={busy} onClick={() => settings.reload()} data-testid="revert-settings">
              {t("revert")}
            </Button>
          </ActionGroup>
        </Form>
      )}
    </CentrePage>
  );
};

/**
 * One role's purposes: its name (and its name in the realm), whether the realm limits it, the purposes it may declare
 * as chips chosen from the realm's purposes, and what is wrong with them.
 */
const RolePurposes = ({ role, limits, onChange, realmPurposes, errors, errorText }: {
  role: Role;
  limits: RoleLimits;
  onChange: (limits: RoleLimits) => void;
  realmPurposes: string[];
  errors: FieldError[];
  errorText: (error: FieldError) => string;
}) => {
  const { t } = useT();
  const limit = limits[role];
  const name = t(`role_${role}` as Key);
  const stray = strayPurposes(limit, realmPurposes);
  const id = `role-${role}`;
  return (
    <FormGroup role="group" fieldId={id} label={name} labelInfo={<code>{role}</code>} className="centre-role-group"
      data-testid={`role-${role}`}
      data-limited={limit.limited ? "true" : "false"}>
      <Switch id={`${id}-limited`} label={t("roleLimited")} labelOff={t("roleNotLimited")} isChecked={limit.limited}
        data-testid={`${id}-limited`}
        onChange={(_e, checked) => onChange({ ...limits, [role]: { ...limit, limited: checked } })} />
      {limit.limited && (
        <PurposeSelect id={`${id}-purposes`} label={t("purposesOf", { role: name })} options={realmPurposes}
          chosen={limit.purposes} invalid={errors.length > 0}
          stray={stray} onChange={(purposes) => onChange({ ...limits, [role]: { ...limit, purposes } })} />
      )}
      <FormHelperText>
        <HelperText>
          {role === "records-application" && <HelperTextItem>{t("roleApplicationNote")}</HelperTextItem>}
          {!limit.limited && <HelperTextItem>{t("roleNotLimitedHelp")}</HelperTextItem>}
          {limit.limited && errors.length === 0 && stray.length === 0 && (
            <HelperTextItem>{t("roleLimitedHelp")}</HelperTextItem>
          )}
          {errors.length === 0 && stray.length > 0 && (
            <HelperTextItem variant="warning" data-testid={`${id}-stray`}>
              {t("strayPurposes", { purposes: stray.join(t("listSeparator")) })}
            </HelperTextItem>
          )}
          {errors.map((e) => (
            <HelperTextItem key={e.field + e.rule} variant="error" data-testid={`${id}-error`}>{errorText(e)}</HelperTextItem>
          ))}
        </HelperText>
      </FormHelperText>
    </FormGroup>
  );
};
