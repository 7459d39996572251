import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AuthError, NotFoundError } from "@/lib/engine";
import { fileFlowLoader, memoryVariables, staticCredentials } from "./local-services";
import { cliRegistry } from "./registry";
import { UsageError } from "./usage-error";

describe("CLI services", () => {
  it("treats every string of a credential's data as a secret", async () => {
    const creds = staticCredentials({ c1: { type: "slack.webhook", data: { url: "https://hooks/x", nested: { token: "t0k", n: 3 } } } });
    const resolved = await creds.resolve("c1", { runId: "r" });
    expect(resolved).toEqual({
      id: "c1",
      type: "slack.webhook",
      data: { url: "https://hooks/x", nested: { token: "t0k", n: 3 } },
      secrets: ["https://hooks/x", "t0k"],
    });
    await expect(creds.resolve("other", { runId: "r" })).rejects.toBeInstanceOf(AuthError);
    expect(() => staticCredentials({ c1: { data: {} } })).toThrow(UsageError);
  });

  it("keeps variables in memory and lists them", async () => {
    const vars = memoryVariables({ a: 1 });
    await vars.set("b", [2], {});
    expect(await vars.all({})).toEqual({ a: 1, b: [2] });
    expect(vars.snapshot()).toEqual({ a: 1, b: [2] });
  });

  it("loads sub-flow files relative to the main document, and explains invalid ones", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "switchyard-flows-"));
    try {
      writeFileSync(
        path.join(dir, "child.json"),
        JSON.stringify({
          schema: "switchyard.flow/v1",
          name: "Child",
          nodes: [{ id: "s", type: "core.trigger.manual", typeVersion: 1, position: { x: 0, y: 0 }, config: {} }],
          edges: [],
        }),
      );
      writeFileSync(path.join(dir, "broken.json"), "{");
      const loader = fileFlowLoader(dir, cliRegistry());
      expect((await loader.load("child.json", {}))?.document.name).toBe("Child");
      expect(await loader.load("missing.json", {})).toBeNull();
      await expect(loader.load("broken.json", {})).rejects.toBeInstanceOf(NotFoundError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
