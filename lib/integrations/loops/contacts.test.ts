import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { NonRetryableError, NotFoundError, ValidationError } from "@/lib/engine/errors";
import { loopsCredentialFor } from "@/tests/fakes/loops/credential";
import { LoopsFake } from "@/tests/fakes/loops/server";
import { createTestContext, runNode } from "../shared/test-context";
import { loopsCreateContact } from "./create-contact";
import { loopsDeleteContact } from "./delete-contact";
import { loopsFindContact } from "./find-contact";
import { loopsUpdateContact } from "./update-contact";

const fake = new LoopsFake();
beforeAll(async () => {
  await fake.start();
});
afterAll(() => fake.stop());
beforeEach(() => {
  fake.reset();
  fake.clearData();
});

const ctx = () => createTestContext({ credential: loopsCredentialFor(fake) });
const authHeaders = { authorization: "Bearer d2d561f5ff80136f69b4b5a31b9fb3c9", "content-type": "application/json" };

describe("loops.contact.create", () => {
  it("posts the contact with standard fields, custom properties as top-level keys and mailing lists", async () => {
    const out = await runNode(loopsCreateContact, ctx(), {
      email: "ada@example.com",
      userId: "u_1",
      firstName: "Ada",
      lastName: "Lovelace",
      source: "Switchyard",
      subscribed: true,
      userGroup: "founders",
      mailingLists: { cm_list1: true },
      properties: { plan: "pro", seats: 3, beta: false, skipped: undefined },
    });
    expect(fake.requests).toHaveLength(1);
    const req = fake.requests[0]!;
    expect(req).toMatchObject({ method: "POST", path: "/api/v1/contacts/create", headers: authHeaders });
    expect(req.body).toEqual({
      email: "ada@example.com",
      userId: "u_1",
      firstName: "Ada",
      lastName: "Lovelace",
      source: "Switchyard",
      subscribed: true,
      userGroup: "founders",
      mailingLists: { cm_list1: true },
      plan: "pro",
      seats: 3,
      beta: false,
    });
    expect(out.id).toBe(fake.findContact({ email: "ada@example.com" })!.id);
  });

  it("maps Loops' 409 for an existing email to a non-retryable error with Loops' words", async () => {
    await runNode(loopsCreateContact, ctx(), { email: "ada@example.com" });
    const err = await runNode(loopsCreateContact, ctx(), { email: "ada@example.com" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NonRetryableError);
    expect((err as Error).message).toContain("Email or userId is already on list.");
  });

  it.each([
    ["an invalid email", { email: "not-an-email" }, "email"],
    ["a value over 500 characters", { email: "a@b.co", properties: { note: "x".repeat(501) } }, "properties"],
    ["an object as a property value", { email: "a@b.co", properties: { nested: { a: 1 } } }, "properties"],
    ["a standard field among custom properties", { email: "a@b.co", properties: { firstName: "x" } }, "properties"],
  ])("refuses %s before sending", async (_name, config, field) => {
    const err = await runNode(loopsCreateContact, ctx(), config).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(field === "email" ? Error : ValidationError);
    expect(fake.requests).toHaveLength(0);
  });
});

describe("loops.contact.update", () => {
  it("puts the changes, creating the contact when missing (upsert)", async () => {
    const created = await runNode(loopsUpdateContact, ctx(), { email: "new@example.com", firstName: "New" });
    expect(fake.requests[0]).toMatchObject({ method: "PUT", path: "/api/v1/contacts/update", headers: authHeaders });
    expect(fake.requests[0]!.body).toEqual({ email: "new@example.com", firstName: "New" });
    const again = await runNode(loopsUpdateContact, ctx(), {
      email: "new@example.com",
      properties: { plan: "team" },
      mailingLists: { cm_a: false },
    });
    expect(again.id).toBe(created.id);
    expect(fake.requests[1]!.body).toEqual({ email: "new@example.com", plan: "team", mailingLists: { cm_a: false } });
    expect(fake.findContact({ email: "new@example.com" })).toMatchObject({ firstName: "New", plan: "team" });
  });

  it("changes the email of a contact found by user id", async () => {
    await runNode(loopsCreateContact, ctx(), { email: "old@example.com", userId: "u_9" });
    await runNode(loopsUpdateContact, ctx(), { userId: "u_9", email: "new@example.com" });
    expect(fake.findContact({ userId: "u_9" })!.email).toBe("new@example.com");
  });

  it("needs an email or a user id, checked before sending", async () => {
    const err = await runNode(loopsUpdateContact, ctx(), { firstName: "X" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).path).toEqual(["email"]);
    expect(fake.requests).toHaveLength(0);
  });
});

describe("loops.contact.find", () => {
  it("finds by email with a GET query and returns the contact", async () => {
    await runNode(loopsCreateContact, ctx(), { email: "ada+x@example.com", firstName: "Ada" });
    fake.requests.length = 0;
    const out = await runNode(loopsFindContact, ctx(), { email: "ada+x@example.com" });
    expect(fake.requests[0]).toMatchObject({
      method: "GET",
      path: "/api/v1/contacts/find",
      query: { email: "ada+x@example.com" },
      rawBody: "",
    });
    expect(fake.requests[0]!.url).toBe("/api/v1/contacts/find?email=ada%2Bx%40example.com");
    expect(fake.requests[0]!.headers.authorization).toBe(authHeaders.authorization);
    expect(out.found).toBe(true);
    expect(out.contact).toMatchObject({ email: "ada+x@example.com", firstName: "Ada", source: "API", subscribed: true });
  });

  it("finds by user id, and answers found: false for nobody", async () => {
    await runNode(loopsCreateContact, ctx(), { email: "b@example.com", userId: "u_2" });
    expect((await runNode(loopsFindContact, ctx(), { userId: "u_2" })).contact).toMatchObject({ email: "b@example.com" });
    expect(await runNode(loopsFindContact, ctx(), { userId: "u_nobody" })).toEqual({ found: false, contact: null });
    expect(fake.requests.at(-1)!.query).toEqual({ userId: "u_nobody" });
  });

  it.each([[{}], [{ email: "a@b.co", userId: "u" }]])("needs exactly one of email and user id: %j", async (config) => {
    await expect(runNode(loopsFindContact, ctx(), config)).rejects.toBeInstanceOf(ValidationError);
    expect(fake.requests).toHaveLength(0);
  });
});

describe("loops.contact.delete", () => {
  it("posts the identifier and deletes", async () => {
    await runNode(loopsCreateContact, ctx(), { email: "gone@example.com" });
    fake.requests.length = 0;
    const out = await runNode(loopsDeleteContact, ctx(), { email: "gone@example.com" });
    expect(fake.requests[0]).toMatchObject({
      method: "POST",
      path: "/api/v1/contacts/delete",
      headers: authHeaders,
      body: { email: "gone@example.com" },
    });
    expect(out).toEqual({ deleted: true });
    expect(fake.contacts.size).toBe(0);
  });

  it("names the contact in a 404, or ignores it when asked", async () => {
    const err = await runNode(loopsDeleteContact, ctx(), { userId: "u_x" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as Error).message).toContain('contact with user id "u_x"');
    expect((err as Error).message).toContain("Contact not found.");
    expect(await runNode(loopsDeleteContact, ctx(), { userId: "u_x", ifMissing: "ignore" })).toEqual({ deleted: false });
  });
});
