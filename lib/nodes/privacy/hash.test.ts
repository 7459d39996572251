import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createTestContext, runNode } from "../test-context";
import { hashNode } from "./hash";
import { normaliseEmail, normalisePhone } from "./pii";
import { edge, flow, node, runGolden } from "../golden-harness";

const sha = (s: string): string => createHash("sha256").update(s, "utf8").digest("hex");

describe("PII normalisation", () => {
  it("trims and lower-cases emails", () => {
    expect(normaliseEmail("  Ada.Lovelace+news@Example.COM \t")).toBe("ada.lovelace+news@example.com");
    expect(normaliseEmail("   ")).toBeNull();
  });

  it("reduces phones to country code and digits", () => {
    expect(normalisePhone("+44 (20) 7946-0958")).toBe("442079460958");
    expect(normalisePhone("0044 20 7946 0958")).toBe("442079460958");
    expect(normalisePhone("020 7946 0958", "44")).toBe("442079460958");
    expect(normalisePhone("+1 415 555 0100", "44")).toBe("14155550100");
    expect(normalisePhone("12345")).toBeNull();
    expect(normalisePhone("+1234567890123456")).toBeNull();
  });
});

describe("core.data.hash", () => {
  it("hashes one normalised email from the input", async () => {
    const result = await runNode(hashNode, {}, "  Ada@Example.com ");
    expect(result.output).toBe(sha("ada@example.com"));
    expect(result.output).toMatch(/^[0-9a-f]{64}$/);
  });

  it("hashes a phone value with a default country code", async () => {
    const result = await runNode(hashNode, { value: "030 1234567", kind: "phone", defaultCountryCode: "49" }, null);
    expect(result.output).toBe(sha("49301234567"));
  });

  it("replaces chosen fields of every record and nulls unusable values", async () => {
    const ctx = createTestContext();
    const rows = [
      { email: "A@x.io", phone: "+1 415 555 0100", name: "Ada" },
      { email: "", phone: "12", name: "Bo" },
    ];
    const fields = [
      { path: "email", kind: "email" },
      { path: "phone", kind: "phone" },
    ];
    const result = await runNode(hashNode, { fields }, rows, ctx);
    expect(result.output).toEqual([
      { email: sha("a@x.io"), phone: sha("14155550100"), name: "Ada" },
      { email: null, phone: null, name: "Bo" },
    ]);
    expect(ctx.logs.filter((l) => l.level === "warn")).toEqual([expect.objectContaining({ data: { count: 1 } })]);
    expect(JSON.stringify(ctx.logs)).not.toContain("12");
  });

  it("hashes a nested field of one record", async () => {
    const result = await runNode(hashNode, { fields: [{ path: "contact.email", kind: "email" }] }, { contact: { email: "X@Y.z" }, id: 1 });
    expect(result.output).toEqual({ contact: { email: sha("x@y.z") }, id: 1 });
  });

  it("rejects a missing value and a malformed country code", async () => {
    await expect(runNode(hashNode, {}, { not: "text" })).rejects.toThrow(/needs a value/);
    expect(() => hashNode.config.parse({ defaultCountryCode: "UK" })).toThrow();
  });
});

describe("core.data.hash through the engine", () => {
  it("hashes the email fields of mapped records", async () => {
    const doc = flow(
      "Hash",
      [
        node("start", "core.trigger.manual"),
        node("hash", "core.data.hash", { fields: [{ path: "email", kind: "email" }] }, { mapOver: "{{ params.leads }}" }),
      ],
      [edge("start", "hash")],
    );
    const result = await runGolden(doc, { params: { leads: [{ email: " A@X.io" }, { email: "b@x.io" }] } });
    expect(result.output("hash")).toEqual([{ email: sha("a@x.io") }, { email: sha("b@x.io") }]);
  });
});
