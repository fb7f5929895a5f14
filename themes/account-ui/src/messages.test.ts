/// <reference types="vite/client" />
import { describe, expect, it } from "vitest";

/** The account theme's messages, by file name: messages_en.properties and messages_zh_CN.properties. */
const FILES = import.meta.glob<string>("../../src/main/resources/theme/student-records/account/messages/*.properties",
  { eager: true, query: "?raw", import: "default" });
/** The pages' sources, whose literal message keys must be in both files. */
const SOURCES = import.meta.glob<string>(["./**/*.ts", "./**/*.tsx", "!./**/*.test.ts"], { eager: true, query: "?raw", import: "default" });

function keysOf(name: string): Map<string, string> {
  const entry = Object.entries(FILES).find(([path]) => path.endsWith(`/${name}`));
  expect(entry, name).toBeDefined();
  const keys = new Map<string, string>();
  for (const line of entry![1].split("\n")) {
    const match = /^([^#=\s][^=]*)=(.*)$/.exec(line);
    if (match) {
      expect(keys.has(match[1]), `${name}: ${match[1]} twice`).toBe(false);
      keys.set(match[1], match[2]);
    }
  }
  return keys;
}

const en = keysOf("messages_en.properties");
const zh = keysOf("messages_zh_CN.properties");

describe("the account theme's messages", () => {
  it("have the same keys in English and in Simplified Chinese, none blank", () => {
    expect([...zh.keys()].sort()).toEqual([...en.keys()].sort());
    for (const [key, text] of [...en, ...zh]) {
      expect(text.trim(), key).not.toBe("");
    }
  });

  it("have every key the pages name literally, in both languages", () => {
    const used = new Set<string>();
    for (const [path, source] of Object.entries(SOURCES)) {
      for (const match of source.matchAll(/\bt\("([\w.-]+)"/g)) {
        used.add(match[1]);
      }
      // The files that hand keys to t(): every string literal of theirs that looks like a key is one.
      if (/\/(voice|reportErrors)\.ts$/.test(path)) {
        for (const match of source.matchAll(/"((?:student|guardian|consent)[A-Z][\w.-]*)"/g)) {
          used.add(match[1]);
        }
      }
    }
    expect(used.size).toBeGreaterThan(100);
    const missing = [...used].filter((key) => !en.has(key) || !zh.has(key));
    expect(missing).toEqual([]);
  });
});
