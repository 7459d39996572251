import { describe, expect, it } from "vitest";
import { formatCsvRecords, parseCsvRecords } from "./csv-codec";

const opts = { delimiter: ",", newline: "\r\n", escapeFormulas: false };

describe("CSV codec", () => {
  it("parses quoted fields with delimiters, escaped quotes and line breaks", () => {
    const text = 'a,b,c\r\n"x, y","say ""hi""","two\nlines"\n1,,3';
    expect(parseCsvRecords(text, ",")).toEqual([
      ["a", "b", "c"],
      ["x, y", 'say "hi"', "two\nlines"],
      ["1", "", "3"],
    ]);
  });

  it("drops a BOM, keeps a trailing empty field and ignores a final newline", () => {
    expect(parseCsvRecords("\ufeffa;b;\n", ";")).toEqual([["a", "b", ""]]);
  });

  it("refuses an unterminated quote", () => {
    expect(() => parseCsvRecords('a,"b', ",")).toThrow(/Unterminated/);
  });

  it("round-trips values that need quoting", () => {
    const records = [["plain", "with,comma", 'quote"d', "line\nbreak", " padded "]];
    const text = formatCsvRecords(records, opts);
    expect(text).toBe('plain,"with,comma","quote""d","line\nbreak"," padded "');
    expect(parseCsvRecords(text, ",")).toEqual(records);
  });

  it("renders null as empty, objects as JSON, and escapes formulas on request", () => {
    expect(formatCsvRecords([[null, { a: 1 }, 5, "=SUM(A1)"]], opts)).toBe(',"{""a"":1}",5,=SUM(A1)');
    expect(formatCsvRecords([["=SUM(A1)", -5]], { ...opts, escapeFormulas: true })).toBe("'=SUM(A1),-5");
  });
});
