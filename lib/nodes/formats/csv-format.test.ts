import { describe, expect, it } from "vitest";
import { runNode } from "../test-context";
import { csvFormatNode } from "./csv-format";
import { csvParseNode } from "./csv-parse";
import { edge, flow, node, runGolden } from "../golden-harness";

describe("core.data.csv-format", () => {
  it("writes every field in first-seen order with a header", async () => {
    const result = await runNode(csvFormatNode, {}, [{ a: 1, b: "x,y" }, { c: true }]);
    expect(result.output).toBe('a,b,c\n1,"x,y",\n,,true');
  });

  it("uses chosen dotted columns, delimiter and CRLF", async () => {
    const rows = [{ user: { email: "a@x.io" }, n: 2 }];
    const result = await runNode(csvFormatNode, { columns: ["user.email", "n"], delimiter: ";", newline: "\r\n" }, rows);
    expect(result.output).toBe("user.email;n\r\na@x.io;2");
  });

  it("writes lists of cells as they are", async () => {
    expect(
      (
        await runNode(csvFormatNode, {}, [
          ["h1", "h2"],
          [1, null],
        ])
      ).output,
    ).toBe("h1,h2\n1,");
  });

  it("round-trips through Parse CSV", async () => {
    const records = [
      { name: "Ada", note: 'said "hi"\nand left' },
      { name: "Bo", note: "" },
    ];
    const text = (await runNode(csvFormatNode, {}, records)).output;
    expect((await runNode(csvParseNode, {}, text)).output).toEqual(records);
  });

  it("rejects items that are neither records nor lists", async () => {
    await expect(runNode(csvFormatNode, {}, [{ a: 1 }, 5])).rejects.toThrow(/Item 1/);
  });
});

describe("core.data.csv-format through the engine", () => {
  it("writes the upstream records as CSV", async () => {
    const doc = flow(
      "CSV out",
      [node("start", "core.trigger.manual"), node("csv", "core.data.csv-format", { items: "{{ params.rows }}" })],
      [edge("start", "csv")],
    );
    const result = await runGolden(doc, { params: { rows: [{ a: 1, b: "x,y" }] } });
    expect(result.output("csv")).toBe('a,b\n1,"x,y"');
  });
});
