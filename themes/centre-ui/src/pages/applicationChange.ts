/** An application's settings as GET /applications lists them and PUT /applications/{clientId} takes them. */
export type AppSettings = {
  trust: "internal" | "external";
  purposes: string[];
  units: string[];
  defaultScopes: string[];
  optionalScopes: string[];
};

const ALL_UNITS = "*";

/**
 * Whether {@code after} makes the application less protected than {@code before}, as the server judges it (so that
 * the form can say beforehand that a second administrator must approve): it turns internal, or, internal, gains a
 * purpose, a unit or a scope. An external client opens nothing without a grant.
 */
export function widens(before: AppSettings, after: AppSettings): boolean {
  if (after.trust !== "internal") {
    return false;
  }
  if (before.trust !== "internal") {
    return true;
  }
  const has = (values: string[]) => (v: string) => values.includes(v);
  const moreUnits = !before.units.includes(ALL_UNITS) && !after.units.every(has(before.units));
  const beforeScopes = [...before.defaultScopes, ...before.optionalScopes];
  return moreUnits || !after.purposes.every(has(before.purposes))
    || ![...after.defaultScopes, ...after.optionalScopes].every(has(beforeScopes));
}

/** What a change adds to and takes from each list, for showing a waiting change to the one who approves it. */
export function differences(before: AppSettings, after: AppSettings) {
  const diff = (a: string[], b: string[]) => ({
    added: b.filter((x) => !a.includes(x)),
    removed: a.filter((x) => !b.includes(x)),
  });
  return {
    trust: before.trust === after.trust ? undefined : after.trust,
    purposes: diff(before.purposes, after.purposes),
    units: diff(before.units, after.units),
    scopes: diff([...before.defaultScopes, ...before.optionalScopes], [...after.defaultScopes, ...after.optionalScopes]),
  };
}

/** The field errors of a 422 for one list of the form: {@code purposes[1]} belongs to {@code purposes}. */
export function errorsOf(errors: { field: string; message: string }[] | undefined, field: keyof AppSettings): string[] {
  return (errors ?? []).filter((e) => e.field === field || e.field.startsWith(`${field}[`)).map((e) => e.field);
}
