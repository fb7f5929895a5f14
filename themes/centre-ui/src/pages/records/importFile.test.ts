import { describe, expect, it } from "vitest";
import { csvRecords, formatOf, prepareImport } from "./importFile";

describe("import files", () => {
  it("knows CSV and NDJSON by the file's name, and nothing else", () => {
    expect(formatOf("Class 2024.CSV")).toBe("text/csv");
    expect(formatOf("students.ndjson")).toBe("application/x-ndjson");
    expect(formatOf("students.jsonl")).toBe("application/x-ndjson");
    expect(formatOf("students.xlsx")).toBeUndefined();
  });

  it("reads quoted cells with commas, doubled quotes and line breaks as one record", () => {
    const records = csvRecords('studentNumber,homeAddress\r\nS1,"1 Road, ""A""\nTown"\r\n\r\nS2,x\n');
    expect(records.map((r) => r.cells)).toEqual([["studentNumber", "homeAddress"], ["S1", '1 Road, "A"\nTown'], ["S2", "x"]]);
    expect(records[1].source).toBe('S1,"1 Road, ""A""\nTown"');
  });

  it("cuts a CSV file into parts that each repeat the header, numbering rows as the server does", () => {
    const csv = "\uFEFFname,studentNumber\nA,S1\nB,S2\nC,S3\n";
    const prepared = prepareImport(csv, "text/csv", 2);
    expect(prepared.total).toBe(3);
    expect(prepared.studentNumbers).toEqual(["S1", "S2", "S3"]);
    expect(prepared.parts).toEqual([
      { body: "name,studentNumber\nA,S1\nB,S2\n", firstRow: 1, rows: 2 },
      { body: "name,studentNumber\nC,S3\n", firstRow: 3, rows: 1 },
    ]);
  });

  it("counts NDJSON's non-blank lines and reads each line's student number where it can", () => {
    const lines = '{"profile":{"studentNumber":"S1"}}\n\n{broken\n{"profile":{}}\n';
    const prepared = prepareImport(lines, "application/x-ndjson", 10);
    expect(prepared.total).toBe(3);
    expect(prepared.studentNumbers).toEqual(["S1", undefined, undefined]);
    expect(prepared.parts).toHaveLength(1);
    expect(prepared.parts[0].body.split("\n").filter(Boolean)).toHaveLength(3);
  });

  it("finds no rows in a file of a header alone", () => {
    expect(prepareImport("studentNumber\n", "text/csv", 10).total).toBe(0);
    expect(prepareImport("", "text/csv", 10).parts).toEqual([]);
  });
});
