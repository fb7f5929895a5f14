/// <reference types="vite/client" />
import { describe, expect, it } from "vitest";
import { LANGUAGES } from "./language";
import { findingText, operationText, reasonText } from "./codes";

/** Every JSON file of codes/, by its name: {kind}.{language}.json. */
const FILES = import.meta.glob<Record<string, unknown>>("../codes/*.json", { eager: true, import: "default" });

const byKind = new Map<string, Map<string, Record<string, unknown>>>();
for (const [path, texts] of Object.entries(FILES)) {
  const match = /\/([\w-]+)\.([\w-]+)\.json$/.exec(path);
  expect(match, `${path} is named {kind}.{language}.json`).not.toBeNull();
  const [, kind, language] = match!;
  byKind.set(kind, (byKind.get(kind) ?? new Map<string, Record<string, unknown>>()).set(language, texts));
}

describe("texts of codes", () => {
  it("reads the files of every kind the client translates", () => {
    expect([...byKind.keys()]).toEqual(expect.arrayContaining(["operations", "reasons", "findings", "decisions"]));
  });

  it.each([...byKind.keys()].sort())("has every code of %s in both languages, none of them blank or the code itself", (kind) => {
    const languages = byKind.get(kind)!;
    expect([...languages.keys()].sort()).toEqual([...LANGUAGES].sort());
    const en = languages.get("en")!;
    for (const language of LANGUAGES) {
      const texts = languages.get(language)!;
      expect(Object.keys(texts).sort(), `the codes of ${kind}.${language}.json`).toEqual(Object.keys(en).sort());
      for (const [code, text] of Object.entries(texts)) {
        expect(typeof text, `${kind}.${language}.json ${code}`).toBe("string");
        expect((text as string).trim(), `${kind}.${language}.json ${code}`).not.toBe("");
        expect(text, `${kind}.${language}.json ${code}`).not.toBe(code);
      }
    }
  });

  it("knows the codes of the checks on writes, impersonation, audit outcomes and approvals of retention", () => {
    for (const code of ["RETENTION_POLICY_APPROVE", "RETENTION_POLICY_CANCEL"]) {
      expect(operationText(code, "en")).not.toBe("Other action");
      expect(operationText(code, "zh-CN")).not.toBe("其他操作");
    }
    for (const code of [
      "GROUP_NOT_WRITABLE_BY_ROLE", "MOVE_NOT_ALLOWED", "LEAVER_CHANGE_REQUIRES_ADMIN", "PURPOSE_NOT_ALLOWED_FOR_ROLE",
      "IMPERSONATED", "DUPLICATE", "FAILED", "CONFLICT", "MALFORMED_REQUEST", "UNSUPPORTED_MEDIA_TYPE",
      "PRECONDITION_REQUIRED", "PAYLOAD_TOO_LARGE", "ORIGIN_NOT_ALLOWED", "SEARCH_UNAVAILABLE", "AWAITING_APPROVAL",
      "NOTHING_PENDING", "BACKUP_NOT_FOUND", "BACKUP_NOT_FINISHED", "STORE_NOT_EMPTY", "BACKUP_UNAVAILABLE",
    ]) {
      expect(reasonText(code, "en"), code).not.toBe("Other reason");
      expect(reasonText(code, "zh-CN"), code).not.toBe("其他原因");
    }
    for (const code of ["IMPERSONATED_DUTY_CALL", "INVALID_RECORDS", "FEED_QUARANTINED"]) {
      expect(findingText(code, "en"), code).not.toBe("Other finding");
      expect(findingText(code, "zh-CN"), code).not.toBe("其他发现");
    }
    expect(reasonText("GROUP_NOT_WRITABLE_BY_ROLE", "en")).toBe(
      "Only the centre changes profile and identity, directly or through a correction");
    expect(reasonText("IMPERSONATED", "en")).toBe("A session under impersonation may not do this");
  });

  it("never shows a raw code", () => {
    expect(operationText("TOKEN_CLAIMS", "en")).not.toContain("TOKEN_CLAIMS");
    expect(operationText("CONFIRMATION_CHECK", "zh-CN")).toBe("登录时检查档案上次确认的时间");
    expect(operationText("SOMETHING_NEW", "en")).toBe("Other action");
    expect(operationText("SOMETHING_NEW", "zh-CN")).toBe("其他操作");
    expect(reasonText("toString", "en")).toBe("Other reason");
    expect(findingText(undefined, "en")).toBe("Other finding");
  });
});
