type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * The label of a field a problem names ({@code contact.mobilePhone}, {@code guardians[1].phone}, {@code reason}), in
 * the person's language: the form's own label, with the guardian's number for a guardian's field; a general word for a
 * field the page does not know, never the path.
 */
export function fieldLabel(field: string, t: Translate): string {
  const guardian = /^guardians\[(\d+)\]\.(\w+)$/.exec(field);
  if (guardian) {
    return t("studentRecordGuardianField", {
      field: t(`studentRecordField.guardians.${guardian[2]}`, { defaultValue: t("studentRecordFieldOther") }),
      number: Number(guardian[1]) + 1,
    });
  }
  const entry = /^guardians\[(\d+)\]$/.exec(field);
  if (entry) {
    // A whole entry (one linked to a guardian's account, say), which may no longer be on the form.
    return t("studentRecordGuardianEntry", { number: Number(entry[1]) + 1 });
  }
  if (field === "reason") return t("studentRecordCorrectionReason");
  if (field === "changes") return t("studentRecordCorrectionValue");
  if (field === "guardians") return t("studentRecordGuardians");
  return t(`studentRecordField.${field}`, { defaultValue: t("studentRecordFieldOther") });
}

/** A gender or enrolment status code of the profile in the person's language (FEMALE: 女), the value itself otherwise. */
export function profileValue(field: string, value: string, t: Translate): string {
  if (field === "gender" || field === "status") {
    return t(`studentRecordValue.${field}.${value}`, { defaultValue: value });
  }
  return value;
}

/** A value of a changed field as a person reads it: a relationship or a yes/no in their language, "—" for none. */
export function changeValue(field: string, value: string, t: Translate): string {
  if (!value) return "—";
  if (field.endsWith(".relationship")) return t(`studentRecordRelationship.${value}`, { defaultValue: value });
  if (field.endsWith(".emergencyContact")) return value === "true" ? t("studentRecordYes") : t("studentRecordNo");
  return value;
}

type Guardian = { name: string; relationship: string; phone: string; emergencyContact: boolean };
type Editable = { contact?: Record<string, string | null | undefined>; guardians?: Guardian[] };

/** One field the server changed between two copies of a record: its path and its values before and after. */
export type ServerChange = { field: string; before: string; after: string };

const CONTACT_FIELDS = ["mobilePhone", "email", "homeAddress"];
const GUARDIAN_FIELDS = ["name", "relationship", "phone", "emergencyContact"] as const;

/**
 * What changed in the editable groups between the copy a form was filled from and the server's copy now, field by
 * field (a guardian added or removed shows each of its fields), so that a person whose save came too late sees what to
 * keep of theirs.
 */
export function serverChanges(before: Editable, after: Editable): ServerChange[] {
  const changes: ServerChange[] = [];
  const text = (v: string | boolean | null | undefined) => (v === undefined || v === null ? "" : String(v));
  for (const f of CONTACT_FIELDS) {
    const was = text(before.contact?.[f]);
    const now = text(after.contact?.[f]);
    if (was !== now) changes.push({ field: `contact.${f}`, before: was, after: now });
  }
  const count = Math.max(before.guardians?.length ?? 0, after.guardians?.length ?? 0);
  for (let i = 0; i < count; i++) {
    for (const f of GUARDIAN_FIELDS) {
      const was = text(before.guardians?.[i]?.[f]);
      const now = text(after.guardians?.[i]?.[f]);
      if (was !== now) changes.push({ field: `guardians[${i}].${f}`, before: was, after: now });
    }
  }
  return changes;
}

/**
 * The form after a save came too late: each contact field the person changed keeps what they typed, every other takes
 * the server's value now; the guardians are theirs if they changed any, the server's otherwise. Saving it applies
 * exactly their changes to the record as it is now.
 */
export function keepTyped<C extends Record<string, string | null | undefined>, G>(
  before: { contact?: C; guardians?: G[] },
  typed: { contact: C; guardians: G[] },
  now: { contact?: C; guardians?: G[] },
): { contact: C; guardians: G[] } {
  const contact = { ...typed.contact };
  for (const f of CONTACT_FIELDS) {
    const was = before.contact?.[f] ?? "";
    if ((typed.contact[f] ?? "") === was) {
      (contact as Record<string, string | null | undefined>)[f] = now.contact?.[f] ?? "";
    }
  }
  const guardiansTouched = JSON.stringify(typed.guardians) !== JSON.stringify(before.guardians ?? []);
  return { contact, guardians: guardiansTouched ? typed.guardians : (now.guardians ?? []) };
}
