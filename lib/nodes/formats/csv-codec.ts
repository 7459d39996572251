/**
 * RFC 4180 CSV: quoted fields may hold delimiters, quotes ("") and line breaks; CRLF and LF
 * both end a record. Written here rather than imported because both directions are small and
 * the canvas bundle should stay free of parser libraries.
 */

export function parseCsvRecords(text: string, delimiter: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let inQuotes = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // a UTF-8 BOM is not data
  const n = text.length;
  while (i < n) {
    const ch = text[i] as string;
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field.length === 0) {
      inQuotes = true;
      i++;
    } else if (text.startsWith(delimiter, i)) {
      record.push(field);
      field = "";
      i += delimiter.length;
    } else if (ch === "\r" || ch === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i += ch === "\r" && text[i + 1] === "\n" ? 2 : 1;
    } else {
      field += ch;
      i++;
    }
  }
  if (inQuotes) throw new Error("Unterminated quoted field at end of input");
  if (field.length > 0 || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

export interface CsvWriteOptions {
  delimiter: string;
  newline: string;
  escapeFormulas: boolean;
}

const FORMULA_START = /^[=+\-@\t\r]/;

function cellText(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value);
}

export function formatCsvCell(value: unknown, options: CsvWriteOptions): string {
  let text = cellText(value);
  // Spreadsheets execute cells starting with = + - @; a leading quote makes them text.
  if (options.escapeFormulas && typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  const needsQuotes =
    text.includes(options.delimiter) || text.includes('"') || text.includes("\n") || text.includes("\r") || text !== text.trim();
  return needsQuotes ? `"${text.replaceAll('"', '""')}"` : text;
}

export function formatCsvRecords(records: readonly (readonly unknown[])[], options: CsvWriteOptions): string {
  return records.map((r) => r.map((v) => formatCsvCell(v, options)).join(options.delimiter)).join(options.newline);
}
