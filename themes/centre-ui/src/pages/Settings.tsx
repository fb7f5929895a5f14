import { ActionGroup, Button, Form, FormGroup, FormHelperText, HelperText, HelperTextItem, TextInput } from "@patternfly/react-core";
import { type FormEvent, useState } from "react";
import { type FieldError } from "@student-records/shared";
import { list, useApi } from "../api";
import { CentrePage, LoadState, type Notice, NoticeLine, useCentreLoad, useNotices } from "../components";
import { type Key, useT } from "../i18n";

type SettingsBody = {
  purposes: string[];
  verificationPeriodDays: number;
  centreEmail: string | null;
  selfCheck: { readsPerHour: number; workday: string; zone: string; staleAdminDays: number };
};

/** The form's fields: their keys in messages and their paths in the settings object (the 422's field names). */
const FIELDS: { key: Key; path: string; type?: "number" | "email" }[] = [
  { key: "purposes", path: "purposes" },
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

/** GET/PUT /settings: purposes, verification period, the centre's email, the self-check's thresholds. */
export const Settings = () => {
  const { t } = useT();
  const api = useApi();
  const noticeOf = useNotices();
  const settings = useCentreLoad<SettingsBody>("/settings");
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [notice, setNotice] = useState<Notice>();

  const [shown, setShown] = useState<SettingsBody>();
  // The settings the API answers fill the form once.
  if (settings.data && settings.data !== shown) {
    setShown(settings.data);
    setValues(flatten(settings.data));
  }

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const body: SettingsBody = {
      purposes: list(values.purposes ?? ""),
      verificationPeriodDays: number(values.verificationPeriodDays ?? "") as number,
      centreEmail: (values.centreEmail ?? "").trim() || null,
      selfCheck: {
        readsPerHour: number(values["selfCheck.readsPerHour"] ?? "") as number,
        workday: (values["selfCheck.workday"] ?? "").trim(),
        zone: (values["selfCheck.zone"] ?? "").trim(),
        staleAdminDays: number(values["selfCheck.staleAdminDays"] ?? "") as number,
      },
    };
    const reply = await api("PUT", "/settings", { body });
    setErrors(reply.problem?.errors ?? []);
    setNotice(noticeOf(reply, t("saved")));
  };

  return (
    <CentrePage title={t("settings")} intro={t("settingsIntro")}>
      <NoticeLine notice={notice} testId="settings-message" />
      <LoadState loaded={settings} />
      {settings.data && (
        <Form onSubmit={(e) => void save(e)} isWidthLimited data-testid="settings-form">
          {FIELDS.map((f) => {
            const error = errors.find((e) => e.field === f.path);
            const id = `setting-${f.path.replace(".", "-")}`;
            return (
              <FormGroup key={f.path} label={t(f.key)} fieldId={id}>
                <TextInput id={id} type={f.type ?? "text"} value={values[f.path] ?? ""}
                  validated={error ? "error" : "default"} aria-describedby={error ? `${id}-error` : undefined}
                  onChange={(_e, v) => setValues({ ...values, [f.path]: v })} />
                {error && (
                  <FormHelperText>
                    <HelperText>
                      <HelperTextItem variant="error" id={`${id}-error`}>{error.message}</HelperTextItem>
                    </HelperText>
                  </FormHelperText>
                )}
              </FormGroup>
            );
          })}
          <ActionGroup>
            <Button type="submit" variant="primary" data-testid="save-settings">{t("save")}</Button>
          </ActionGroup>
        </Form>
      )}
    </CentrePage>
  );
};
