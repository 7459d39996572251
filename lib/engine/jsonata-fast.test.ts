import jsonata from "jsonata";
import { describe, expect, it } from "vitest";
import { compileTemplate, fastEvaluatorOf } from "./expressions";
import { BAIL, compileFast } from "./jsonata-fast";

/** As JSON (so prototypes do not matter), keeping undefined apart from null. */
const asJson = (v: unknown): unknown => (v === undefined ? "<undefined>" : (JSON.parse(JSON.stringify(v)) as unknown));

/** JSONata's own answer: its value, or the error code it throws. */
async function reference(source: string, input: unknown, bindings?: Record<string, unknown>): Promise<unknown> {
  try {
    return { value: asJson(await jsonata(source).evaluate(input, bindings)) };
  } catch (e) {
    return { error: (e as { code?: string }).code };
  }
}

const inputs: unknown[] = [
  { id: 7, name: "Ada", email: "ada@example.com", score: 42, tags: ["a", "b"], nested: { deep: { x: 1.1 } }, flag: true, none: null },
  { id: 0, name: "", email: "no-at-sign", score: -3.5, nested: { deep: "text" } },
  { name: 5, score: "12", email: ["x@y"] },
  {},
  "a string",
  12,
  undefined,
  [{ name: "one" }, { name: "two" }],
];

const expressions = [
  '{ "id": id, "name": $uppercase(name), "email": email, "score": score }',
  '{ "id": id, "name": name, "domain": $substringAfter(email, "@"), "score": score * 2 }',
  '{ "id": id, "label": name & "@" & domain, "passed": score >= 100 }',
  "name",
  "nested.deep.x",
  "nested.deep",
  "tags",
  "$",
  "$.name",
  "missing.field",
  "score + 1",
  "score / 0",
  "-score",
  "score % 2 = 0",
  "name != 'Ada'",
  "name < 'B'",
  "score > 10 and flag",
  "flag or missing",
  "none",
  "score > 40 ? 'high' : 'low'",
  "missing ? 1",
  "$string(score) & '/' & $string(flag) & $string(none)",
  "$lowercase(email)",
  "$substringBefore(email, '@')",
  "$contains(email, 'example')",
  "$exists(missing) or $exists(name)",
  "$not(name)",
  "$boolean(nested)",
  "{ 'a': { 'b': name, 'c': missing }, 'd': [1, 2] }",
  "$index + 1",
  "$params.key & $string($index)",
  "$unknown",
  "$uppercase(tags)",
  "name & tags",
  "{ 'k': $ }",
];

describe("jsonata-fast", () => {
  it("gives JSONata's result whenever it does not hand over to JSONata", async () => {
    let decided = 0;
    let compiled = 0;
    for (const source of expressions) {
      const fast = compileFast(jsonata(source).ast());
      if (!fast) continue;
      compiled++;
      for (const input of inputs) {
        const bindings = { index: 3, params: { key: "k" } };
        const value = fast(input, bindings);
        if (value === BAIL) continue;
        decided++;
        const expected = await reference(source, input, bindings);
        expect({ source, input, got: { value: asJson(value) } }).toEqual({
          source,
          input,
          got: expected,
        });
      }
    }
    // Most of the cases above are plain enough for the fast path.
    expect(compiled).toBeGreaterThanOrEqual(expressions.length - 2);
    expect(decided).toBeGreaterThan(150);
  });

  it("leaves to JSONata what it does not know: predicates, arrays, errors, unbound variables", () => {
    for (const source of ["items[price > 1]", "$sum(items.price)", "[1, 2]", "(a; b)", "{ name: id }", '{ "a": 1, "a": 2 }'])
      expect(compileFast(jsonata(source).ast()), source).toBeUndefined();
    const path = compileFast(jsonata("a.b").ast())!;
    expect(path({ a: [{ b: 1 }] }, undefined)).toBe(BAIL);
    expect(compileFast(jsonata("$x").ast())!({}, undefined)).toBe(BAIL);
    expect(compileFast(jsonata("a + 1").ast())!({ a: "1" }, undefined)).toBe(BAIL);
    expect(compileFast(jsonata("a").ast())!([{ a: 1 }], undefined)).toBe(BAIL);
  });

  it("is used by compiled templates, and errors still come from JSONata", async () => {
    const tpl = compileTemplate("{{ $uppercase(item.name) & '-' & $string(index) }}");
    const part = tpl.parts[0];
    if (typeof part === "string" || part === undefined) throw new Error("expected an expression part");
    await expect(part.expr.evaluate({ item: { name: "ada" }, index: 2 })).resolves.toBe("ADA-2");
    await expect(part.expr.evaluate({ item: { name: 1 }, index: 2 })).rejects.toMatchObject({ code: "T0410" });
    const sum = compileTemplate("{{ item.a + 1 }}").parts[0] as Exclude<(typeof tpl.parts)[number], string>;
    await expect(sum.expr.evaluate({ item: { a: "x" } })).rejects.toMatchObject({ code: "T2001" });
  });

  it("hands a node the evaluator of an expression it compiled, only when it is plain", () => {
    compileTemplate("{{a.b & 'x'}}");
    compileTemplate("{{$sum(a)}}");
    expect(fastEvaluatorOf("a.b & 'x'")?.({ a: { b: "y" } }, undefined)).toBe("yx");
    expect(fastEvaluatorOf("$sum(a)")).toBeUndefined();
    expect(fastEvaluatorOf("never compiled")).toBeUndefined();
  });
});
