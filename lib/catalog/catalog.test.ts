import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { allCredentials, allNodes, catalogRegistry, collectDefinitions, credentialDefinition } from "@/lib/catalog";
import { coreNodes } from "@/lib/nodes";

const root = path.resolve(__dirname, "../..");

/** Static imports (not `import()`), resolved to files, from a module outwards. */
function staticImportGraph(entry: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (graph.has(file)) continue;
    const source = readFileSync(file, "utf8");
    const specifiers = [...source.matchAll(/^\s*(?:import|export)\s(?!type\s)[^;]*?from\s+"([^"]+)"/gm)].map((m) => m[1]!);
    graph.set(file, specifiers);
    for (const spec of specifiers) {
      const resolved = resolveLocal(file, spec);
      if (resolved) queue.push(resolved);
    }
  }
  return graph;
}

function resolveLocal(from: string, spec: string): string | undefined {
  let base: string;
  if (spec.startsWith("@/")) base = path.join(root, spec.slice(2));
  else if (spec.startsWith(".")) base = path.resolve(path.dirname(from), spec);
  else return undefined;
  for (const candidate of [base + ".ts", base + ".tsx", path.join(base, "index.ts")]) if (existsSync(candidate)) return candidate;
  return undefined;
}

describe("catalog", () => {
  it("holds every core node and registers each type at its version", () => {
    for (const def of coreNodes) {
      expect(allNodes).toContain(def);
      expect(catalogRegistry.get(def.type, def.version)).toBe(def);
    }
  });

  it("finds credential definitions by type", () => {
    for (const cred of allCredentials) expect(credentialDefinition(cred.type)).toBe(cred);
    expect(credentialDefinition("no.such-type")).toBeUndefined();
  });

  it("names a credential type for every node that needs one, and each exists", () => {
    const missing = allNodes.filter((n) => n.credential && !credentialDefinition(n.credential)).map((n) => `${n.type} -> ${n.credential}`);
    expect(missing).toEqual([]);
  });

  it("collects definitions from lists and single exports, ignoring anything else", () => {
    const node = coreNodes[0]!;
    const cred = { type: "x.token", title: "X", description: "", icon: "key", fields: {}, secretFields: ["token"] };
    const got = collectDefinitions({ list: [node], single: cred, text: "nope", fn: () => 1 });
    expect(got.nodes).toEqual([node]);
    expect(got.credentials).toEqual([cred]);
  });

  it("includes every integration whose index exports definitions", async () => {
    const dir = path.join(root, "lib/integrations");
    const vendors = readdirSync(dir).filter((name) => existsSync(path.join(dir, name, "index.ts")));
    const withDefinitions: string[] = [];
    for (const vendor of vendors) {
      const mod = (await import(`@/lib/integrations/${vendor}/index.ts`)) as Record<string, unknown>;
      const found = collectDefinitions(mod);
      if (found.nodes.length + found.credentials.length > 0) withDefinitions.push(vendor);
    }
    const source = readFileSync(path.join(root, "lib/catalog/index.ts"), "utf8");
    expect(withDefinitions.length).toBeGreaterThan(3);
    expect(withDefinitions.filter((v) => !source.includes(`"@/lib/integrations/${v}"`))).toEqual([]);
  });

  it("stays browser-safe: no Node built-ins, server code, Prisma or vendor SDKs in its static imports", () => {
    const graph = staticImportGraph(path.join(root, "lib/catalog/index.ts"));
    const forbidden =
      /^(node:|fs$|path$|crypto$|@prisma\/|@\/lib\/server|@notionhq\/|loops$|@slack\/|@sendgrid\/|pg$|better-sqlite3$|ioredis$|bullmq$)/;
    const offenders = [...graph.entries()].flatMap(([file, specs]) =>
      specs.filter((s) => forbidden.test(s)).map((s) => `${path.relative(root, file)} imports ${s}`),
    );
    expect(graph.size).toBeGreaterThan(3);
    expect(offenders).toEqual([]);
  });
});
