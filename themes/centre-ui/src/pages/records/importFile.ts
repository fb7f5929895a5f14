/** The two formats POST /records:import takes. */
export type ImportFormat = "text/csv" | "application/x-ndjson";

/** One part of a file, sent as one import: its body, the file's number of its first row, and how many rows it holds. */
export type ImportPart = { body: string; firstRow: number; rows: number };

/** A file cut into parts, with each row's student number where the file gives one (row numbers from 1). */
export type PreparedImport = { format: ImportFormat; parts: ImportPart[]; total: number; studentNumbers: (string | undefined)[] };

/** The format of a file by its name, as people name them; undefined for any other. */
export function formatOf(fileName: string): ImportFormat | undefined {
  const name = fileName.toLowerCase();
  if (name.endsWith(".csv")) {
    return "text/csv";
  }
  if (name.endsWith(".ndjson") || name.endsWith(".jsonl")) {
    return "application/x-ndjson";
  }
  return undefined;
}

/**
 * The records of a CSV text (RFC 4180: a quoted cell may hold commas, quotes doubled and line breaks), each as its
 * source text and its cells; a record of nothing but an empty line is left out.
 */
export function csvRecords(text: string): { source: string; cells: string[] }[] {
  const records: { source: string; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let start = 0;
  const end = (i: number) => {
    cells.push(cell);
    const source = text.slice(start, i);
    if (!(cells.length === 1 && cells[0] === "" && source.trim() === "")) {
      records.push({ source, cells });
    }
    cells = [];
    cell = "";
  };
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ",") {
      cells.push(cell);
      cell = "";
    } else if (c === "\n" || c === "\r") {
      end(i);
      if (c === "\r" && text[i + 1] === "\n") {
        i += 1;
      }
      start = i + 1;
    } else {
      cell += c;
    }
  }
  if (start < text.length) {
    end(text.length);
  }
  return records;
}

/**
 * Cuts a file into parts of at most {@code rowsPerPart} rows, each a file the import takes on its own (a CSV part
 * repeats the header), so that the page can show progress part by part; the server's row numbers of a part are then
 * shifted by its first row. Rows are counted as the server counts them: CSV data rows after the header, NDJSON
 * non-blank lines.
 */
export function prepareImport(text: string, format: ImportFormat, rowsPerPart: number): PreparedImport {
  const content = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const parts: ImportPart[] = [];
  const studentNumbers: (string | undefined)[] = [];
  if (format === "text/csv") {
    const [header, ...rows] = csvRecords(content);
    if (!header) {
      return { format, parts, total: 0, studentNumbers };
    }
    const column = header.cells.findIndex((c) => c.trim() === "studentNumber");
    rows.forEach((r) => studentNumbers.push(column >= 0 ? r.cells[column]?.trim() || undefined : undefined));
    for (let i = 0; i < rows.length; i += rowsPerPart) {
      const chunk = rows.slice(i, i + rowsPerPart);
      parts.push({ body: [header.source, ...chunk.map((r) => r.source)].join("\n") + "\n", firstRow: i + 1, rows: chunk.length });
    }
    return { format, parts, total: rows.length, studentNumbers };
  }
  const lines = content.split(/\r?\n/).filter((line) => line.trim() !== "");
  lines.forEach((line) => studentNumbers.push(studentNumberOfLine(line)));
  for (let i = 0; i < lines.length; i += rowsPerPart) {
    const chunk = lines.slice(i, i + rowsPerPart);
    parts.push({ body: chunk.join("\n") + "\n", firstRow: i + 1, rows: chunk.length });
  }
  return { format, parts, total: lines.length, studentNumbers };
}

function studentNumberOfLine(line: string): string | undefined {
  try {
    const parsed = JSON.parse(line) as { profile?: { studentNumber?: unknown } };
    const number = parsed?.profile?.studentNumber;
    return typeof number === "string" ? number : undefined;
  } catch {
    return undefined;
  }
}
