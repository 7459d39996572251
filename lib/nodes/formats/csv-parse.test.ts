import { describe, expect, it } from "vitest";
import { ValidationError } from "@/lib/engine/errors";
import { runNode } from "../test-context";
import { csvParseNode } from "./csv-parse";
import { edge, flow, node, runGolden } from "../golden-harness";

describe("core.data.csv-parse", () => {
  it("turns rows into objects keyed by the header, from the input text", async () => {
    const result = await runNode(csvParseNode, {}, "name,email\nAda,ada@x.io\n\nBo,bo@x.io\n");
    expect(result.output).toEqual([
      { name: "Ada", email: "ada@x.io" },
      { name: "Bo", email: "bo@x.io" },
    ]);
  });

  it("infers types only for plain values and fills short rows", async () => {
    const result = await runNode(csvParseNode, { text: "id;zip;ok;n;note\n1;007;true;-2.5;\n2", delimiter: ";", inferTypes: true }, null);
    expect(result.output).toEqual([
      { id: 1, zip: "007", ok: true, n: -2.5, note: null },
      { id: 2, zip: null, ok: null, n: null, note: null },
    ]);
  });

  it("names blank and repeated headers and keeps extra cells", async () => {
    const result = await runNode(csvParseNode, { text: "a,a,\n1,2,3,4", trim: true }, null);
    expect(result.output).toEqual([{ a: "1", a_2: "2", column3: "3", column4: "4" }]);
  });

  it("returns arrays without a header", async () => {
    expect((await runNode(csvParseNode, { header: false }, "a,b\n c ,d")).output).toEqual([
      ["a", "b"],
      [" c ", "d"],
    ]);
  });

  it("rejects non-text input and broken quoting", async () => {
    await expect(runNode(csvParseNode, {}, { a: 1 })).rejects.toBeInstanceOf(ValidationError);
    await expect(runNode(csvParseNode, {}, 'a\n"oops')).rejects.toThrow(/Invalid CSV/);
  });
});

describe("core.data.csv-parse through the engine", () => {
  it("parses the text given by an expression", async () => {
    const doc = flow(
      "CSV",
      [node("start", "core.trigger.manual"), node("parse", "core.data.csv-parse", { text: "{{ params.csv }}", inferTypes: true })],
      [edge("start", "parse")],
    );
    const result = await runGolden(doc, { params: { csv: "id,name\n1,Ada\n2,Bo" } });
    expect(result.output("parse")).toEqual([
      { id: 1, name: "Ada" },
      { id: 2, name: "Bo" },
    ]);
  });
});
