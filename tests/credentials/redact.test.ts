import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineCredential } from "@/lib/engine/credential-definition";
import { maskSecret, publicDataOf } from "@/lib/server/credentials/masking";
import { redactValue } from "@/lib/server/credentials/redact";
import { secretValuesOf } from "@/lib/server/credentials/secret-values";

const basic = defineCredential({
  type: "test.basic",
  title: "Basic",
  description: "user and password",
  icon: "key",
  fields: z.object({ username: z.string(), password: z.string() }),
  secretFields: ["password"],
  authenticate: (d) => ({ headers: { Authorization: "Basic " + Buffer.from(`${d.username}:${d.password}`).toString("base64") } }),
});

describe("masked hints", () => {
  it("shows the last four characters of long secrets only", () => {
    expect(maskSecret("abcdefghijklmnopWXYZ")).toBe("••••WXYZ");
    expect(maskSecret("short-secret")).toBe("••••");
    expect(maskSecret("")).toBe("");
  });

  it("keeps non-secret fields and hides secret ones", () => {
    const pub = publicDataOf({ username: "ada", password: "correct horse battery staple" }, ["password"]);
    expect(pub.fields).toEqual({ username: "ada" });
    expect(pub.hints).toEqual({ password: "••••aple" });
    expect(JSON.stringify(pub)).not.toContain("correct horse");
  });
});

describe("secret values for redaction", () => {
  it("covers the raw value, its escaped forms and derived auth headers", () => {
    const password = 'p@ss "word"/1';
    const secrets = secretValuesOf(basic, { username: "ada", password });
    const basicToken = Buffer.from(`ada:${password}`).toString("base64");
    expect(secrets).toContain(password);
    expect(secrets).toContain(JSON.stringify(password).slice(1, -1));
    expect(secrets).toContain(encodeURIComponent(password));
    expect(secrets).toContain(basicToken);
    expect(secrets).not.toContain("ada");
  });

  it("redacts them anywhere in a JSON value, keys included", () => {
    const secrets = secretValuesOf(basic, { username: "ada", password: "hunter2hunter2" });
    const out = redactValue(
      {
        headers: { authorization: "Basic " + Buffer.from("ada:hunter2hunter2").toString("base64") },
        list: ["x hunter2hunter2 y"],
        hunter2hunter2: 1,
      },
      secrets,
    );
    expect(JSON.stringify(out)).not.toContain("hunter2hunter2");
    expect(out.list[0]).toBe("x *** y");
    expect(out.headers.authorization).toBe("Basic ***");
  });

  it("covers the token inside a secret URL, which a vendor may echo alone", () => {
    const url = "https://discord.example/api/webhooks/123/abcdefghijklmnopqrstuvwxyz0123";
    const hook = defineCredential({
      type: "t.hook",
      title: "Hook",
      description: "",
      icon: "x",
      fields: z.object({ url: z.string() }),
      secretFields: ["url"],
    });
    const secrets = secretValuesOf(hook, { url });
    expect(redactValue({ token: "abcdefghijklmnopqrstuvwxyz0123" }, secrets)).toEqual({ token: "***" });
    expect(secrets).not.toContain("webhooks");
  });
});
