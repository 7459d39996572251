import { describe, expect, it } from "vitest";
import { compileTemplate, evaluateExpression, ExpressionError, type ExpressionScope } from "./expressions";
import { parseTemplate } from "./expression-template";

const scope = (extra: Partial<ExpressionScope> = {}): ExpressionScope => ({
  params: { email: "a@b.c", n: 3, list: [1, 2, 3] },
  nodes: {
    rows: {
      output: {
        rows: [
          { name: "x", price: 2 },
          { name: "y", price: 5 },
        ],
      },
    },
  },
  vars: { region: "eu" },
  run: { id: "run_1", dryRun: false },
  ...extra,
});

describe("template parsing", () => {
  it("splits text and expressions and spots a single-expression field", () => {
    expect(parseTemplate("{{ a }}").single).toBe(true);
    expect(parseTemplate("  {{ a }} ").single).toBe(true);
    expect(parseTemplate("x {{ a }}").single).toBe(false);
    expect(parseTemplate("{{ a }}{{ b }}").single).toBe(false);
    const t = parseTemplate('Hi {{ {"a": {"b": "}}"}} }}!');
    expect(t.parts).toEqual([
      { kind: "text", text: "Hi " },
      { kind: "expr", source: ' {"a": {"b": "}}"}} ', offset: 5 },
      { kind: "text", text: "!" },
    ]);
  });
});

describe("expressions", () => {
  it("keeps the JSON type of a single-expression field", async () => {
    expect(await evaluateExpression("{{ params.n }}", scope())).toBe(3);
    expect(await evaluateExpression("{{ params.list }}", scope())).toEqual([1, 2, 3]);
    expect(await evaluateExpression("{{ nodes.rows.output.rows[price > 1].name }}", scope())).toEqual(["x", "y"]);
    expect(await evaluateExpression("{{ params.n > 2 }}", scope())).toBe(true);
    expect(await evaluateExpression("{{ params.missing }}", scope())).toBeUndefined();
  });

  it("returns plain arrays, not JSONata sequences", async () => {
    const v = await evaluateExpression("{{ nodes.rows.output.rows.name }}", scope());
    expect(Array.isArray(v)).toBe(true);
    expect(Object.keys(v as object)).toEqual(["0", "1"]);
    expect((v as { sequence?: boolean }).sequence).toBeUndefined();
  });

  it("interpolates mixed text, objects as JSON", async () => {
    expect(await evaluateExpression("Mail {{ params.email }} n={{ params.n }} {{ vars }}", scope())).toBe('Mail a@b.c n=3 {"region":"eu"}');
    expect(await evaluateExpression("x{{ params.none }}y", scope())).toBe("xy");
    expect(await evaluateExpression("no template", scope())).toBe("no template");
  });

  it("exposes item, index and run", async () => {
    expect(await evaluateExpression("{{ item.a & '-' & index & '-' & run.id }}", scope({ item: { a: "q" }, index: 4 }))).toBe("q-4-run_1");
  });

  it("names node, field and position in syntax errors", () => {
    let err: unknown;
    try {
      compileTemplate("ab {{ params.n + }}", { nodeId: "calc", field: "config.total" });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ExpressionError);
    const e = err as ExpressionError;
    expect(e.message).toMatch(/^Expression error in node "calc", field "config\.total", position \d+: /);
    expect(e.position).toBeGreaterThanOrEqual(5);
    expect(e.category).toBe("validation");
  });

  it("names the site on a cached broken expression used elsewhere", () => {
    const text = "{{ ) }}";
    expect(() => compileTemplate(text, { nodeId: "a", field: "config.x" })).toThrow(/node "a"/);
    expect(() => compileTemplate(text, { nodeId: "b", field: "config.y" })).toThrow(/node "b", field "config\.y"/);
  });

  it("names node, field and position in evaluation errors", async () => {
    await expect(evaluateExpression("{{ params.email + 1 }}", scope(), { nodeId: "n1", field: "config.v" })).rejects.toThrow(
      /node "n1", field "config\.v", position \d+: .*operator must evaluate to a number/,
    );
  });

  it("reports template syntax errors with the position of the opening braces", () => {
    expect(() => compileTemplate("abc {{ params.n", { field: "config.f" })).toThrow(/position 4: `\{\{` has no matching `\}\}`/);
  });

  it("compiles each distinct text once", () => {
    const a = compileTemplate("{{ params.cacheProbe }}");
    const b = compileTemplate("{{ params.cacheProbe }}");
    expect(a).toBe(b);
  });

  it("has no way to the host", async () => {
    const probes = [
      "{{ $string.constructor }}",
      "{{ $lookup($string, 'constructor') }}",
      "{{ params.constructor }}",
      "{{ params.__proto__ }}",
      "{{ $keys($string) }}",
      "{{ process }}",
      "{{ globalThis }}",
    ];
    for (const p of probes) expect(await evaluateExpression(p, scope())).toBeUndefined();
    await expect(evaluateExpression("{{ $eval('params.n') }}", scope())).rejects.toThrow(/\$eval is not available/);
    await expect(evaluateExpression("{{ $string.constructor('return process')() }}", scope())).rejects.toThrow(ExpressionError);
  });

  it("stops runaway recursion", async () => {
    await expect(evaluateExpression("{{ ($f := function($x){ $f($x + 1) + 1 }; $f(0)) }}", scope())).rejects.toThrow(/Stack overflow/);
  });

  it("collects roots and node references statically", () => {
    const t = compileTemplate("{{ nodes.a.output.x[y > $$.params.min] & nodes['b c'].output & $.vars.k & item.z.w }}");
    expect([...t.refs.roots].sort()).toEqual(["item", "nodes", "params", "vars"]);
    expect([...t.refs.nodes].sort()).toEqual(["a", "b c"]);
    expect(t.refs.dynamicNodes).toBe(false);
    expect(compileTemplate("{{ $lookup(nodes, 'a') }}").refs.dynamicNodes).toBe(true);
  });
});

describe("dynamic reads", () => {
  it("flags expressions that hand over the whole scope", () => {
    for (const text of [
      "{{ $ }}",
      "{{ $$ }}",
      "{{ $keys($) }}",
      "{{ * }}",
      "{{ **.output }}",
      "{{ $lookup(nodes, 'a') }}",
      "{{ nodes.* }}",
    ]) {
      expect(compileTemplate(text).refs.dynamicNodes, text).toBe(true);
    }
    for (const text of [
      "{{ $.params.x }}",
      "{{ $$.nodes.a.output }}",
      "{{ nodes.a.output.rows[$.x > 1] }}",
      "{{ $map(params.l, function($v){ $v }) }}",
    ]) {
      expect(compileTemplate(text).refs.dynamicNodes, text).toBe(false);
    }
  });
});
