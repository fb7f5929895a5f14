/** One field that breaks a rule, as a problem's errors list it. */
export type FieldError = { field: string; message: string; rule?: string };

/**
 * An application/problem+json body (RFC 9457): the standard members, plus the API's stable refusal code
 * ({@code reason}) and field errors.
 */
export type Problem = {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  reason?: string;
  errors?: FieldError[];
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.length > 0 ? value : undefined;
}

/** The well-formed members of a parsed problem body; anything of the wrong type is left out. */
export function problemOf(json: unknown): Problem | undefined {
  if (!isRecord(json)) {
    return undefined;
  }
  const errors = Array.isArray(json.errors)
    ? json.errors.filter(isRecord).flatMap((e) => {
        const field = text(e.field);
        const message = text(e.message);
        return field !== undefined && message !== undefined ? [{ field, message, rule: text(e.rule) }] : [];
      })
    : undefined;
  return {
    type: text(json.type),
    title: text(json.title),
    status: typeof json.status === "number" ? json.status : undefined,
    detail: text(json.detail),
    reason: text(json.reason),
    errors,
  };
}
