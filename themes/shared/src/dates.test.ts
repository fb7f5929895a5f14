import { describe, expect, it } from "vitest";
import { endOfUtcDay, formatInstant, isLocalDate, parseLocalDate, startOfLocalDay, startOfNextLocalDay } from "./dates";

describe("local dates", () => {
  it("reads real days only", () => {
    expect(parseLocalDate("2024-02-29")).toEqual({ year: 2024, month: 2, day: 29 });
    expect(isLocalDate("2023-02-29")).toBe(false);
    expect(isLocalDate("2024-13-01")).toBe(false);
    expect(isLocalDate("0000-01-01")).toBe(false);
    expect(isLocalDate("")).toBe(false);
    expect(isLocalDate(undefined)).toBe(false);
  });

  it("answers undefined, never throws, for a year with a digit too many", () => {
    // What a date input holds while a year is typed with five digits; new Date(...).toISOString() throws on it.
    expect(() => startOfLocalDay("20245-01-01")).not.toThrow();
    expect(startOfLocalDay("20245-01-01")).toBeUndefined();
    expect(startOfNextLocalDay("275760-09-14")).toBeUndefined();
    expect(endOfUtcDay("20245-01-01")).toBeUndefined();
  });

  it("bounds a day by its local midnight and the next one", () => {
    const start = new Date(startOfLocalDay("2024-03-31")!);
    const next = new Date(startOfNextLocalDay("2024-03-31")!);
    expect([start.getFullYear(), start.getMonth(), start.getDate(), start.getHours()]).toEqual([2024, 2, 31, 0]);
    expect([next.getFullYear(), next.getMonth(), next.getDate(), next.getHours()]).toEqual([2024, 3, 1, 0]);
    expect(new Date(startOfNextLocalDay("2024-12-31")!).getFullYear()).toBe(2025);
    expect(new Date(startOfLocalDay("0099-06-01")!).getFullYear()).toBe(99);
  });

  it("ends a grant's day at its last UTC second", () => {
    expect(endOfUtcDay("2025-03-31")).toBe("2025-03-31T23:59:59Z");
  });
});

describe("instants", () => {
  it("formats what it can read and shows the rest as it came", () => {
    expect(formatInstant(null, "en")).toBe("—");
    expect(formatInstant("not a date", "zh-CN")).toBe("not a date");
    expect(formatInstant("2025-01-02T03:04:05Z", "en")).toMatch(/2025/);
    expect(formatInstant("2025-01-02T03:04:05Z", "en", true)).toMatch(/:04:05/);
    expect(formatInstant("2025-01-02T03:04:05Z", "en")).not.toMatch(/:04:05/);
    expect(() => formatInstant("2025-01-02T03:04:05Z", "not-a-locale-!!")).not.toThrow();
  });
});
