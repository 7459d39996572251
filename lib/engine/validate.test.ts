import { describe, expect, it } from "vitest";
import { validateFlow, type ValidationProblem } from "./validate";
import { flow, testRegistry } from "./test-helpers/nodes";

const registry = testRegistry();

function problemsOf(doc: unknown): ValidationProblem[] {
  const r = validateFlow(doc, registry);
  if (r.ok) throw new Error("expected problems");
  return r.problems;
}

const at = (problems: ValidationProblem[], path: (string | number)[]) =>
  problems.filter((p) => JSON.stringify(p.path) === JSON.stringify(path)).map((p) => p.message);

describe("validateFlow", () => {
  it("accepts a valid document and returns it unchanged", () => {
    const doc = flow(
      [
        { id: "start", type: "test.trigger" },
        { id: "add", type: "test.add", config: { n: 2 } },
      ],
      [{ source: "start", target: "add" }],
    );
    const r = validateFlow(doc, registry);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.document).toBe(doc);
  });

  it("reports zod shape problems with their paths", () => {
    const doc = flow([{ id: "1bad", type: "test.echo" }]);
    (doc as unknown as { schema: string }).schema = "other";
    const problems = problemsOf(doc);
    expect(at(problems, ["schema"])).toHaveLength(1);
    expect(at(problems, ["nodes", 0, "id"])[0]).toMatch(/must start with a letter/);
  });

  it("keeps checking the graph when the shape is wrong elsewhere", () => {
    const doc = { ...flow([{ id: "a", type: "test.echo" }], [{ source: "a", target: "ghost" }]), name: "" };
    const problems = problemsOf(doc);
    expect(at(problems, ["name"])).toHaveLength(1);
    expect(at(problems, ["edges", 0, "target"])).toEqual(['unknown node "ghost"']);
  });

  it("reports duplicate node ids and edge ids", () => {
    const doc = flow(
      [
        { id: "a", type: "test.echo" },
        { id: "a", type: "test.echo" },
        { id: "b", type: "test.echo" },
      ],
      [
        { id: "e", source: "a", target: "b" },
        { id: "e", source: "a", target: "b" },
      ],
    );
    const problems = problemsOf(doc);
    expect(at(problems, ["nodes", 1, "id"])).toEqual(['duplicate node id "a" (also nodes[0])']);
    expect(at(problems, ["edges", 1, "id"])).toEqual(['duplicate edge id "e" (also edges[0])']);
  });

  it("reports edges to unknown nodes and ports, and input ports of triggers", () => {
    const doc = flow(
      [
        { id: "t", type: "test.trigger" },
        { id: "a", type: "test.echo" },
        { id: "c", type: "test.if", config: { condition: true } },
      ],
      [
        { source: "a", target: "nope" },
        { source: "nope2", target: "a" },
        { source: "a", sourcePort: "maybe", target: "c" },
        { source: "a", target: "t" },
        { source: "c", sourcePort: "out", target: "a", targetPort: "side" },
      ],
    );
    const problems = problemsOf(doc);
    expect(at(problems, ["edges", 0, "target"])).toEqual(['unknown node "nope"']);
    expect(at(problems, ["edges", 1, "source"])).toEqual(['unknown node "nope2"']);
    expect(at(problems, ["edges", 2, "sourcePort"])).toEqual(['node "a" has no output port "maybe" (ports: out)']);
    expect(at(problems, ["edges", 3, "target"])[0]).toMatch(/takes no input/);
    expect(at(problems, ["edges", 4, "sourcePort"])).toEqual(['node "c" has no output port "out" (ports: true, false)']);
    expect(at(problems, ["edges", 4, "targetPort"])).toEqual(['node "a" has no input port "side" (ports: in)']);
  });

  it("derives ports from config and offers `error` only with onError route", () => {
    const base = (onError: "fail" | "route") =>
      flow(
        [
          { id: "s", type: "test.switch", config: { cases: ["red", "blue"], value: "red" }, settings: { onError } },
          { id: "a", type: "test.echo" },
          { id: "b", type: "test.echo" },
          { id: "c", type: "test.echo" },
        ],
        [
          { source: "s", sourcePort: "case:blue", target: "a" },
          { source: "s", sourcePort: "case:green", target: "b" },
          { source: "s", sourcePort: "error", target: "c" },
        ],
      );
    const failing = problemsOf(base("fail"));
    expect(at(failing, ["edges", 0, "sourcePort"])).toEqual([]);
    expect(at(failing, ["edges", 1, "sourcePort"])).toHaveLength(1);
    expect(at(failing, ["edges", 2, "sourcePort"])).toHaveLength(1);
    const routed = problemsOf(base("route"));
    expect(at(routed, ["edges", 2, "sourcePort"])).toEqual([]);
    expect(at(routed, ["edges", 1, "sourcePort"])).toHaveLength(1);
  });

  it("names each cycle", () => {
    const doc = flow(
      [
        { id: "a", type: "test.echo" },
        { id: "b", type: "test.echo" },
        { id: "c", type: "test.echo" },
        { id: "d", type: "test.echo" },
      ],
      [
        { source: "a", target: "b" },
        { source: "b", target: "d" },
        { source: "b", target: "c" },
        { source: "c", target: "a" },
        { source: "d", target: "d" },
      ],
    );
    const messages = problemsOf(doc).map((p) => p.message);
    expect(messages).toContain("cycle: a → b → c → a");
    expect(messages).toContain("cycle: d → d");
  });

  it("reports unknown types and versions", () => {
    const doc = flow([
      { id: "a", type: "test.nothing" },
      { id: "b", type: "test.echo", typeVersion: 7 },
    ]);
    const problems = problemsOf(doc);
    expect(at(problems, ["nodes", 0, "type"])).toEqual(['unknown node type "test.nothing"']);
    expect(at(problems, ["nodes", 1, "typeVersion"])).toEqual(["node type test.echo has no version 7 (latest is 2)"]);
  });

  it("checks config against the type's schema, except templated fields", () => {
    const doc = flow([
      { id: "a", type: "test.add", config: { n: "three" } },
      { id: "b", type: "test.add", config: { n: "{{ params.n }}" } },
      { id: "c", type: "test.add", config: { n: 1, extra: true } },
      { id: "d", type: "test.add", config: {} },
    ]);
    const problems = problemsOf(doc);
    expect(at(problems, ["nodes", 0, "config", "n"])).toHaveLength(1);
    expect(problems.some((p) => p.path[1] === 1)).toBe(false);
    expect(at(problems, ["nodes", 2, "config"])[0]).toMatch(/extra/);
    expect(at(problems, ["nodes", 3, "config", "n"])).toHaveLength(1);
  });

  it("reports a missing credential", () => {
    const problems = problemsOf(flow([{ id: "v", type: "test.vendor.call" }]));
    expect(at(problems, ["nodes", 0, "credential"])).toEqual(['node "v" needs a credential of type test.token']);
    expect(validateFlow(flow([{ id: "v", type: "test.vendor.call", credential: "cred_1" }]), registry).ok).toBe(true);
  });

  it("checks expressions: syntax with position, roots, upstream nodes, item outside mapOver", () => {
    const doc = flow(
      [
        { id: "a", type: "test.echo" },
        { id: "b", type: "test.echo", config: { value: { deep: ["x {{ nodes.a.output + }}"] } } },
        { id: "c", type: "test.echo", config: { value: "{{ process.env }}" } },
        { id: "d", type: "test.echo", config: { value: "{{ nodes.e.output }} {{ nodes.zz.output }}" } },
        { id: "e", type: "test.echo", config: { value: "{{ item }}" } },
        { id: "f", type: "test.echo", config: { value: "{{ $eval('params') }}" } },
        { id: "g", type: "test.echo", config: { value: "{{ nodes.a.output.rows[price > 1].name & params.x & $$.vars.y }}" } },
      ],
      [
        { source: "a", target: "b" },
        { source: "a", target: "c" },
        { source: "a", target: "d" },
        { source: "a", target: "e" },
        { source: "a", target: "f" },
        { source: "a", target: "g" },
      ],
    );
    const problems = problemsOf(doc);
    const b = at(problems, ["nodes", 1, "config", "value", "deep", 0]);
    expect(b).toHaveLength(1);
    expect(b[0]).toMatch(/node "b", field "config\.value\.deep\.0", position \d+/);
    expect(at(problems, ["nodes", 2, "config", "value"])[0]).toMatch(/unknown root `process`/);
    const d = at(problems, ["nodes", 3, "config", "value"]);
    expect(d).toContain('Expression in node "d", field "config.value": node "e" is not upstream of "d"');
    expect(d).toContain('Expression in node "d", field "config.value": unknown node "zz"');
    expect(at(problems, ["nodes", 4, "config", "value"])[0]).toMatch(/`item` is not available here/);
    expect(at(problems, ["nodes", 5, "config", "value"])[0]).toMatch(/\$eval is not available/);
    expect(problems.some((p) => p.path[1] === 6)).toBe(false);
  });

  it("allows item and index in a mapped node and checks the mapOver expression", () => {
    const ok = flow(
      [
        { id: "a", type: "test.echo" },
        { id: "m", type: "test.echo", config: { value: "{{ item.x * index }}" }, settings: { mapOver: "{{ nodes.a.output }}" } },
      ],
      [{ source: "a", target: "m" }],
    );
    expect(validateFlow(ok, registry).ok).toBe(true);
    const bad = flow([
      { id: "m", type: "test.echo", settings: { mapOver: "{{ item }}" } },
      { id: "n", type: "test.echo", settings: { mapOver: "rows" } },
    ]);
    const problems = problemsOf(bad);
    expect(at(problems, ["nodes", 0, "settings", "mapOver"])[0]).toMatch(/`item` is not available here/);
    expect(at(problems, ["nodes", 1, "settings", "mapOver"])[0]).toMatch(/must be an expression/);
  });

  it("checks parameter defaults and the idempotency key", () => {
    const doc = flow([{ id: "a", type: "test.echo" }], [], {
      parameters: { n: { type: "number", default: "x" }, c: { type: "string", enum: ["a"], default: "b" } },
      settings: { idempotencyKey: "{{ nodes.a.output }}" },
    });
    const problems = problemsOf(doc);
    expect(at(problems, ["parameters", "n", "default"])).toEqual(["default must be of type number"]);
    expect(at(problems, ["parameters", "c", "default"])).toEqual(["default must be one of a"]);
    expect(at(problems, ["settings", "idempotencyKey"])[0]).toMatch(/`nodes` is not available here/);
  });

  it("round-trips export and import exactly, keeping key order", () => {
    const doc = flow(
      [
        { id: "start", type: "test.trigger", label: "Start", notes: "n" },
        { id: "m", type: "test.echo", config: { value: { z: 1, a: [3, { y: 2, b: 1 }] } }, settings: { timeoutSeconds: 3, retries: 1 } },
      ],
      [{ source: "start", target: "m" }],
      {
        description: "d",
        parameters: { email: { type: "string", format: "email", required: true } },
        settings: { onFailure: [{ notify: "cred_x" }], timeoutSeconds: 60 },
        annotations: [{ id: "n1", kind: "note", position: { x: 1, y: 2 }, text: "hi", nodes: ["m"] }],
      },
    );
    const exported = JSON.stringify(doc);
    const r1 = validateFlow(JSON.parse(exported), registry);
    if (!r1.ok) throw new Error(JSON.stringify(r1.problems));
    const again = JSON.stringify(r1.document);
    expect(again).toBe(exported);
    const r2 = validateFlow(JSON.parse(again), registry);
    if (!r2.ok) throw new Error("second import failed");
    expect(r2.document).toEqual(r1.document);
    expect(Object.keys(r2.document.nodes[1]!.config.value as object)).toEqual(["z", "a"]);
  });
});
