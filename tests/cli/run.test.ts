import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fixture, jsonOf, runCli } from "./cli-harness";

describe("switchyard run: branching", () => {
  it("takes the true branch, skips the other, and prints one JSON object", async () => {
    const result = await runCli(["run", fixture("branching-if.json"), "--params", '{"amount":150,"customer":"Ada"}', "--json"]);
    expect(result.code).toBe(0);
    const report = jsonOf(result);
    expect(report.state).toBe("completed");
    expect(report.output).toEqual({ summary: { customer: "Ada", tier: "big", pay: 135 } });
    expect(report.nodes.check).toMatchObject({ state: "completed", output: { result: true }, ports: ["true"] });
    expect(report.nodes.small?.state).toBe("skipped");
    // Progress went to stderr, as plain lines (no TTY).
    expect(result.stderr).toMatch(/✓ summary completed/);
  });

  it("prints progress lines and a readable summary without --json", async () => {
    const result = await runCli(["run", fixture("branching-if.json"), "--params", '{"amount":5}']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^\+\d+\.\d{3}s /m);
    expect(result.stdout).toContain("⊘ big skipped");
    expect(result.stdout).toMatch(/✓ Branching on order size completed in /);
    expect(result.stdout).toContain('"tier": "small"');
    expect(result.stdout).not.toContain("\u001b[");
  });

  it("reads parameters from a file with @", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "switchyard-cli-"));
    try {
      writeFileSync(path.join(dir, "params.json"), JSON.stringify({ amount: 101, customer: "Bo" }));
      const result = await runCli(["run", path.resolve(fixture("branching-if.json")), "--params", "@params.json", "--json", "--quiet"], {
        cwd: dir,
      });
      expect(result.code).toBe(0);
      expect(jsonOf(result).output).toEqual({ summary: { customer: "Bo", tier: "big", pay: 90.9 } });
      expect(result.stderr).toBe("");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("switchyard run: mapOver", () => {
  it("maps items through transforms and totals them", async () => {
    const result = await runCli(["run", fixture("map-transforms.json"), "--params", '{"count":12}', "--json", "--quiet"]);
    expect(result.code).toBe(0);
    const report = jsonOf(result);
    expect(report.output).toEqual({ totals: { items: 12, totalScore: 650, lastLabel: "ITEM 12 scored 144" } });
    const label = report.nodes.label as { output: { position: number }[]; mapped?: { total: number; failed: number } };
    expect(label.output.map((o) => o.position)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(label.mapped).toEqual({ total: 12, failed: 0 });
  });

  it("reports mapped progress in tenths in line mode", async () => {
    const result = await runCli(["run", fixture("map-transforms.json"), "--params", '{"count":50}']);
    expect(result.code).toBe(0);
    const progress = result.stdout.split("\n").filter((l) => /^\+[\d.]+s {3}score \d+\/50$/.test(l));
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress.length).toBeLessThanOrEqual(11);
    expect(progress.at(-1)).toMatch(/score 50\/50$/);
  });
});

describe("switchyard run: data quality", () => {
  it("quarantines bad rows and publishes tables", async () => {
    const result = await runCli(["run", fixture("data-quality.json"), "--json", "--quiet"]);
    expect(result.code).toBe(0);
    const report = jsonOf(result);
    expect(report.nodes.rules?.output).toMatchObject({ status: "red", total: 6, passed: 2, quarantined: 4 });
    const artifacts = report.artifacts as { title: string; artifact: { rows?: unknown[][]; body?: string } }[];
    expect(artifacts.map((a) => a.title).sort()).toEqual(["Good rows", "Quality", "Quarantine"]);
    expect(artifacts.find((a) => a.title === "Good rows")?.artifact.rows).toEqual([
      [1, "ada@example.com", "pro"],
      [6, "eve@example.com", "free"],
    ]);
    expect(artifacts.find((a) => a.title === "Quarantine")?.artifact.rows?.map((r) => r[2])).toEqual([
      "email is missing",
      "age is above 120",
      "id repeats an earlier value",
      "plan is not an allowed value",
    ]);
  });

  it("skips the quarantine branch for clean data and renders artifacts as text", async () => {
    const csv = "id,email,age,plan\n1,a@x.io,30,pro\n2,b@x.io,40,free";
    const result = await runCli(["run", fixture("data-quality.json"), "--params", JSON.stringify({ csv }), "--quiet"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Status **green**: 2 of 2 rows passed.");
    expect(result.stdout).toMatch(/Artifact: Good rows {2}\(table from good\)\n {2}id {2}email {3}plan/);
    expect(result.stdout).not.toContain("Artifact: Quarantine");
  });
});

describe("switchyard run: failure", () => {
  it("exits 1 and names the failed node and its message", async () => {
    const result = await runCli(["run", fixture("failing.json"), "--params", '{"orderId":"A7"}']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("✗ reject failed");
    expect(result.stdout).toContain("✗ reject: NonRetryableError: Order A7 has no customer");
  });

  it("reports the error in the JSON object", async () => {
    const result = await runCli(["run", fixture("failing.json"), "--params", '{"orderId":"A7"}', "--json", "--quiet"]);
    expect(result.code).toBe(1);
    const report = jsonOf(result);
    expect(report.state).toBe("failed");
    expect(report.nodes.reject).toMatchObject({
      state: "failed",
      error: { name: "NonRetryableError", message: "Order A7 has no customer" },
    });
  });

  it("completes the same flow when the customer is there", async () => {
    const result = await runCli(["run", fixture("failing.json"), "--params", '{"orderId":"A8","customer":"Ada"}', "--json", "--quiet"]);
    expect(result.code).toBe(0);
    expect(jsonOf(result).nodes.reject?.state).toBe("skipped");
  });
});

describe("switchyard run: dry run and variables", () => {
  it("records the variable write instead of making it in a dry run", async () => {
    const result = await runCli([
      "run",
      fixture("dry-run.json"),
      "--params",
      '{"stamp":"s1"}',
      "--vars",
      '{"lastImport":"s0"}',
      "--dry-run",
      "--json",
      "--quiet",
    ]);
    expect(result.code).toBe(0);
    const report = jsonOf(result);
    expect(report.dryRun).toBe(true);
    expect(report.nodes.remember).toMatchObject({
      state: "dry-run",
      output: { dryRun: true, request: { method: "SET", url: "var:lastImport", body: "s1" } },
    });
    expect(report.variables).toEqual({ lastImport: "s0" });
  });

  it("writes the variable in a real run", async () => {
    const result = await runCli(["run", fixture("dry-run.json"), "--params", '{"stamp":"s1"}', "--json", "--quiet"]);
    expect(result.code).toBe(0);
    expect(jsonOf(result).variables).toEqual({ lastImport: "s1" });
  });
});

describe("switchyard run: sub-flows", () => {
  it("runs a sub-flow document found next to the parent", async () => {
    const result = await runCli(["run", fixture("subflow-parent.json"), "--params", '{"email":"Ada@Example.COM"}', "--json", "--quiet"]);
    expect(result.code).toBe(0);
    expect(jsonOf(result).output).toEqual({ result: { domain: "example.com", child: "completed" } });
  });
});

describe("switchyard run: invalid input", () => {
  it.each([
    [["run", fixture("branching-if.json")], "params.amount is required"],
    [["run", fixture("branching-if.json"), "--params", '{"amount":"lots"}'], "params.amount must be of type number"],
    [["run", fixture("invalid.json")], "nodes[2].type: unknown node type"],
    [["run", fixture("branching-if.json"), "--params", "[1]"], "--params must be a JSON object"],
    [["run", fixture("branching-if.json"), "--params", "@missing.json"], "--params: cannot read missing.json (ENOENT)"],
    [["run", fixture("branching-if.json"), "--credentials", '{"c":{"type":"x"}}'], "--credentials: c.data"],
  ])("exits 2 for %j", async (args, message) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stdout).toBe("");
  });
});
