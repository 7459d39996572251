import { describe, expect, it } from "vitest";
import { createLogger } from "./logger";
import { createRedactor } from "./redact";

describe("logger", () => {
  it("writes one JSON object per line, time and level first, bindings carried by children", () => {
    const lines: string[] = [];
    const log = createLogger({ write: (l) => lines.push(l), now: () => 0, level: "info" });
    log.debug("hidden");
    log.child({ runId: "r1" }).child({ stepKey: "a[2]", attempt: 2 }).warn("slow", { ms: 5 });
    expect(lines).toHaveLength(1);
    expect(lines[0]!.endsWith("\n")).toBe(true);
    const rec = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(Object.keys(rec)).toEqual(["time", "level", "runId", "stepKey", "attempt", "message", "data"]);
    expect(rec).toEqual({
      time: "1970-01-01T00:00:00.000Z",
      level: "warn",
      runId: "r1",
      stepKey: "a[2]",
      attempt: 2,
      message: "slow",
      data: { ms: 5 },
    });
  });

  it("applies redaction before writing", () => {
    const lines: string[] = [];
    const r = createRedactor(["s3cret-value"]);
    const log = createLogger({ write: (l) => lines.push(l), redact: (v) => r.redact(v) });
    log.error("token s3cret-value failed", { header: "Bearer s3cret-value" });
    expect(lines[0]).not.toContain("s3cret-value");
    expect(lines[0]).toContain("token *** failed");
  });
});
