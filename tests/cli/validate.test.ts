import { describe, expect, it } from "vitest";
import { fixture, runCli } from "./cli-harness";

describe("switchyard validate", () => {
  it("accepts a valid document with exit code 0", async () => {
    const result = await runCli(["validate", fixture("branching-if.json")]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('"Branching on order size" is valid (6 nodes, 6 edges)');
  });

  it("prints every problem with its path and exits 2", async () => {
    const result = await runCli(["validate", fixture("invalid.json")]);
    expect(result.code).toBe(2);
    const lines = result.stdout.trim().split("\n");
    expect(lines[0]).toBe("✗ tests/fixtures/invalid.json: 5 problems");
    expect(lines.slice(1).map((l) => l.trim().split(":")[0])).toEqual(
      expect.arrayContaining([
        "nodes[1].config.condition",
        "nodes[2].type",
        "edges[1].sourcePort",
        "edges[2].target",
        "nodes[3].config.expression",
      ]),
    );
    expect(result.stdout).toContain("unknown root `secrets`");
  });

  it("reports problems as JSON with --json", async () => {
    const result = await runCli(["validate", fixture("invalid.json"), "--json"]);
    expect(result.code).toBe(2);
    const body = JSON.parse(result.stdout) as { ok: boolean; problems: { path: (string | number)[]; message: string }[] };
    expect(body.ok).toBe(false);
    expect(body.problems).toContainEqual({ path: ["nodes", 2, "type"], message: 'unknown node type "core.nothing.here"' });
  });

  it("explains a missing file and a file that is not JSON", async () => {
    const missing = await runCli(["validate", "tests/fixtures/does-not-exist.json"]);
    expect(missing.code).toBe(2);
    expect(missing.stdout).toContain("(document): file not found");
    const notJson = await runCli(["validate", "package-lock.json.nope"]);
    expect(notJson.code).toBe(2);
    const readme = await runCli(["validate", "tsconfig.tsbuildinfo"]);
    expect(readme.code).toBe(2);
  });
});

describe("switchyard usage", () => {
  it("prints help with --help and without arguments", async () => {
    for (const args of [["--help"], []]) {
      const result = await runCli(args);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain("switchyard run <flow.json>");
    }
  });

  it("prints the version", async () => {
    const result = await runCli(["--version"]);
    expect(result.stdout).toMatch(/^switchyard \d+\.\d+\.\d+/);
  });

  it.each([
    [["frob"], 'unknown command "frob"'],
    [["run"], "missing <flow.json>"],
    [["run", "a.json", "--bogus"], "Unknown option '--bogus'"],
    [["run", "a.json", "b.json"], 'unexpected argument "b.json"'],
    [["validate", "a.json", "--dry-run"], '--dry-run is an option of "run"'],
  ])("rejects %j with exit code 2", async (args, message) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('Run "switchyard --help" for usage.');
  });
});
