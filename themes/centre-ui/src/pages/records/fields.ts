import type { FieldError } from "@student-records/shared";

/** The enrolment form: one text per field, as typed; the guardian's emergency flag as a box. */
export type EnrolForm = {
  studentNumber: string;
  name: string;
  gender: string;
  status: string;
  unit: string;
  enrolmentDate: string;
  leavingDate: string;
  residentIdNumber: string;
  dateOfBirth: string;
  nativePlaceCode: string;
  nativePlaceName: string;
  mobilePhone: string;
  email: string;
  homeAddress: string;
  guardianName: string;
  guardianRelationship: string;
  guardianPhone: string;
  guardianEmergency: boolean;
};

export type FormField = Exclude<keyof EnrolForm, "guardianEmergency">;

export const EMPTY_FORM: EnrolForm = {
  studentNumber: "", name: "", gender: "", status: "ENROLLED", unit: "", enrolmentDate: "", leavingDate: "",
  residentIdNumber: "", dateOfBirth: "", nativePlaceCode: "", nativePlaceName: "", mobilePhone: "", email: "",
  homeAddress: "", guardianName: "", guardianRelationship: "", guardianPhone: "", guardianEmergency: true,
};

export const GENDERS = ["MALE", "FEMALE"] as const;
export const STATUSES = ["ENROLLED", "SUSPENDED", "GRADUATED", "WITHDRAWN", "TRANSFERRED"] as const;
export const RELATIONSHIPS = ["FATHER", "MOTHER", "GRANDPARENT", "LEGAL_GUARDIAN", "OTHER"] as const;

/** Where each field of the form sits in a record, as the API's field errors name it. */
const PATHS: Record<FormField, string> = {
  studentNumber: "profile.studentNumber",
  name: "profile.name",
  gender: "profile.gender",
  status: "profile.status",
  unit: "profile.unit",
  enrolmentDate: "profile.enrolmentDate",
  leavingDate: "profile.leavingDate",
  residentIdNumber: "identity.residentIdNumber",
  dateOfBirth: "identity.dateOfBirth",
  nativePlaceCode: "identity.nativePlace.code",
  nativePlaceName: "identity.nativePlace.name",
  mobilePhone: "contact.mobilePhone",
  email: "contact.email",
  homeAddress: "contact.homeAddress",
  guardianName: "guardians[0].name",
  guardianRelationship: "guardians[0].relationship",
  guardianPhone: "guardians[0].phone",
};

/** Paths the API names for a whole part, shown at the field that stands for it on the form. */
const WHOLE: Record<string, FormField> = {
  "identity.nativePlace": "nativePlaceCode",
  guardians: "guardianName",
  "guardians[0]": "guardianName",
  "guardians[0].emergencyContact": "guardianName",
};

/** The form field an error of the API names, if the form has it. */
export function fieldOfPath(path: string): FormField | undefined {
  const found = (Object.keys(PATHS) as FormField[]).find((f) => PATHS[f] === path);
  return found ?? WHOLE[path];
}

/**
 * The field a path names, for a report that is not the form (an import's rows): its form field with the guardian's
 * number when it is not the first, e.g. ["guardianPhone", 2] for guardians[1].phone; undefined for a path unknown here.
 */
export function fieldOfAnyGuardian(path: string): { field: FormField | "guardians"; guardian?: number } | undefined {
  const guardian = /^guardians\[(\d+)\](.*)$/.exec(path);
  if (guardian) {
    const field = fieldOfPath(`guardians[0]${guardian[2]}`);
    const n = Number(guardian[1]) + 1;
    return field ? { field, guardian: n > 1 ? n : undefined } : undefined;
  }
  if (path === "guardians") {
    return { field: "guardians" };
  }
  const field = fieldOfPath(path);
  return field ? { field } : undefined;
}

/** The errors of a refused enrolment by form field, and those the form has no field for. */
export function errorsByField(errors: FieldError[]): { byField: Partial<Record<FormField, FieldError>>; other: FieldError[] } {
  const byField: Partial<Record<FormField, FieldError>> = {};
  const other: FieldError[] = [];
  for (const error of errors) {
    const field = fieldOfPath(error.field);
    if (field && !byField[field]) {
      byField[field] = error;
    } else if (!field) {
      other.push(error);
    }
  }
  return { byField, other };
}

function present(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== "" && v !== undefined));
}

/**
 * The body of POST /records for the form: texts trimmed, an empty optional field left out (so the server names a
 * missing required one as required, never as unreadable), no guardian when all the guardian's fields are empty.
 */
export function enrolmentBody(form: EnrolForm): Record<string, unknown> {
  const v = (s: string) => s.trim();
  const guardianGiven = [form.guardianName, form.guardianRelationship, form.guardianPhone].some((s) => v(s) !== "");
  return {
    profile: present({
      studentNumber: v(form.studentNumber), name: v(form.name), gender: form.gender, status: form.status,
      unit: v(form.unit), enrolmentDate: form.enrolmentDate, leavingDate: form.leavingDate,
    }),
    identity: present({
      residentIdNumber: v(form.residentIdNumber).toUpperCase(), dateOfBirth: form.dateOfBirth,
      nativePlace: present({ code: v(form.nativePlaceCode), name: v(form.nativePlaceName) }),
    }),
    contact: present({ mobilePhone: v(form.mobilePhone), email: v(form.email), homeAddress: v(form.homeAddress) }),
    guardians: guardianGiven
      ? [present({ name: v(form.guardianName), relationship: form.guardianRelationship, phone: v(form.guardianPhone),
          emergencyContact: form.guardianEmergency })]
      : [],
  };
}
