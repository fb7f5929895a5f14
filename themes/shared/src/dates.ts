/**
 * Dates without surprises: every function here answers undefined (or a placeholder) for input it cannot read and
 * never throws, so a date typed into a field or sent by the server cannot break a page.
 */

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The year, month and day of a yyyy-mm-dd text (what a date input holds), or undefined unless it is a real day. */
export function parseLocalDate(value: string | null | undefined): { year: number; month: number; day: number } | undefined {
  const match = LOCAL_DATE.exec(value ?? "");
  if (!match) {
    return undefined;
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(0);
  // setUTCFullYear, unlike Date.UTC, takes years 0-99 as they are; a day past the month's end rolls over.
  check.setUTCFullYear(year, month - 1, day);
  if (year < 1 || check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    return undefined;
  }
  return { year, month, day };
}

/** Whether a yyyy-mm-dd text is a real day. */
export function isLocalDate(value: string | null | undefined): boolean {
  return parseLocalDate(value) !== undefined;
}

/** Local midnight of a day (months from 0; a day past the month's end rolls over) as an ISO instant. */
function localMidnight(year: number, monthIndex: number, day: number): string | undefined {
  const date = new Date(2000, 0, 1);
  // setFullYear, unlike the Date constructor, takes years 0-99 as they are.
  date.setFullYear(year, monthIndex, day);
  date.setHours(0, 0, 0, 0);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** The instant the day starts in the browser's time zone, as an ISO instant; undefined for anything but a real day. */
export function startOfLocalDay(value: string | null | undefined): string | undefined {
  const date = parseLocalDate(value);
  return date && localMidnight(date.year, date.month - 1, date.day);
}

/** The instant the next day starts in the browser's time zone: an exclusive upper bound for "up to this day". */
export function startOfNextLocalDay(value: string | null | undefined): string | undefined {
  const date = parseLocalDate(value);
  return date && localMidnight(date.year, date.month - 1, date.day + 1);
}

/** The last second of the day in UTC, as an ISO instant: a grant "until 31 March" covers the 31st. */
export function endOfUtcDay(value: string | null | undefined): string | undefined {
  return parseLocalDate(value) ? `${value}T23:59:59Z` : undefined;
}

/** An ISO instant as a Date, or undefined when it is missing or unreadable. */
export function parseInstant(value: string | null | undefined): Date | undefined {
  if (!value) {
    return undefined;
  }
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * An instant as date and time in the user's locale, to the minute or with {@code seconds} to the second; "—" when there
 * is none, the text itself when unreadable.
 */
export function formatInstant(value: string | null | undefined, locale: string, seconds = false): string {
  if (!value) {
    return "—";
  }
  const date = parseInstant(value);
  if (!date) {
    return value;
  }
  const style = { dateStyle: "medium", timeStyle: seconds ? "medium" : "short" } as const;
  try {
    return date.toLocaleString(locale, style);
  } catch {
    // An unknown locale tag: the browser's own.
    return date.toLocaleString(undefined, style);
  }
}
