/**
 * Whom a shared part of a page speaks to: the student about their own record, or a guardian about their child's.
 * The texts that differ have a key of each voice.
 */
export type Voice = "student" | "guardian";

const VOICED = {
  recordLoading: { student: "studentRecordLoading", guardian: "guardianRecordLoading" },
  recordUnavailable: { student: "studentRecordUnavailable", guardian: "guardianRecordUnavailable" },
  recordStale: { student: "studentRecordStale", guardian: "guardianRecordStale" },
  correctionDescription: { student: "studentRecordCorrectionDescription", guardian: "guardianCorrectionDescription" },
  reportEntryNotOwn: { student: "studentReportEntryNotOwn", guardian: "guardianReportEntryNotOwn" },
  questionDescription: { student: "studentReportKindDescription.QUESTION", guardian: "guardianReportKindDescription.QUESTION" },
  misuseDescription: { student: "studentReportKindDescription.MISUSE", guardian: "guardianReportKindDescription.MISUSE" },
  questionSent: { student: "studentQuestionSent", guardian: "guardianQuestionSent" },
  accessLogGuardian: { student: "studentAccessLogGuardian", guardian: "guardianAccessLogGuardian" },
  accessLogStaffOwnUnit: { student: "studentAccessLogStaffOwnUnit", guardian: "guardianAccessLogStaffOwnUnit" },
  accessLogStaffAboveUnit: { student: "studentAccessLogStaffAboveUnit", guardian: "guardianAccessLogStaffAboveUnit" },
  accessLogWhoGuardians: { student: "studentAccessLogWhoKind.GUARDIAN", guardian: "guardianAccessLogWhoKind.GUARDIAN" },
} as const;

/** The message key of {@code text} in {@code voice}. */
export function voiced(text: keyof typeof VOICED, voice: Voice): string {
  return VOICED[text][voice];
}
