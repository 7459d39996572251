import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { NotFoundError, ValidationError } from "@/lib/engine/errors";
import { loopsCredentialFor } from "@/tests/fakes/loops/credential";
import { LoopsFake } from "@/tests/fakes/loops/server";
import { createTestContext, runNode } from "../shared/test-context";
import { loopsSendEvent } from "./send-event";
import { loopsSendTransactional } from "./send-transactional";

const fake = new LoopsFake();
const welcome = "clwelcome0000000000000001";
beforeAll(async () => {
  await fake.start();
});
afterAll(() => fake.stop());
beforeEach(() => {
  fake.reset();
  fake.clearData();
  fake.addTransactional({ id: welcome, name: "Welcome", dataVariables: ["name"] });
});

const ctx = (nodeId = "send") => createTestContext({ credential: loopsCredentialFor(fake), nodeId });

describe("loops.email.send-transactional", () => {
  it("posts the email with data variables and an Idempotency-Key", async () => {
    const out = await runNode(loopsSendTransactional, ctx(), {
      transactionalId: welcome,
      email: "ada@example.com",
      dataVariables: { name: "Ada", count: 3, items: [{ sku: "a", qty: 1 }] },
      addToAudience: true,
      idempotencyKey: "order-123",
    });
    const req = fake.requests[0]!;
    expect(req).toMatchObject({ method: "POST", path: "/api/v1/transactional" });
    expect(req.headers).toMatchObject({
      authorization: "Bearer d2d561f5ff80136f69b4b5a31b9fb3c9",
      "content-type": "application/json",
      "idempotency-key": "order-123",
    });
    expect(req.body).toEqual({
      transactionalId: welcome,
      email: "ada@example.com",
      addToAudience: true,
      dataVariables: { name: "Ada", count: 3, items: [{ sku: "a", qty: 1 }] },
    });
    expect(out).toEqual({ sent: true, alreadySent: false, idempotencyKey: "order-123" });
    expect(fake.sentEmails).toHaveLength(1);
  });

  it("derives one key per run and step, so a retried step is refused by Loops instead of sending twice", async () => {
    const context = ctx();
    const config = { transactionalId: welcome, email: "ada@example.com", dataVariables: { name: "Ada" } };
    const first = await runNode(loopsSendTransactional, context, config);
    const retry = await runNode(loopsSendTransactional, context, config);
    expect(first.idempotencyKey).toMatch(/^switchyard-[0-9a-f]{48}$/);
    expect(fake.requests[1]!.headers["idempotency-key"]).toBe(first.idempotencyKey);
    expect(retry).toEqual({ sent: false, alreadySent: true, idempotencyKey: first.idempotencyKey });
    expect(fake.sentEmails).toHaveLength(1);
    const otherStep = await runNode(loopsSendTransactional, ctx("send2"), config);
    expect(otherStep.idempotencyKey).not.toBe(first.idempotencyKey);
    expect(fake.sentEmails).toHaveLength(2);
  });

  it("maps an unknown transactional id to NotFoundError naming it", async () => {
    const err = await runNode(loopsSendTransactional, ctx(), { transactionalId: "cl_missing", email: "a@b.co" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as Error).message).toContain('transactional email "cl_missing"');
    expect((err as Error).message).toContain("transactionalId: Transactional email not found.");
  });

  it("maps a missing data variable to ValidationError with Loops' nested message", async () => {
    const err = await runNode(loopsSendTransactional, ctx(), { transactionalId: welcome, email: "a@b.co" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as Error).message).toContain("dataVariables: Missing required fields: name");
  });

  it.each([
    ["a boolean data variable", { dataVariables: { name: true } }, ["dataVariables", "name"]],
    ["an idempotency key over 100 characters", { idempotencyKey: "k".repeat(101) }, ["idempotencyKey"]],
    [
      "a body over 4 MB",
      { attachments: [{ filename: "a.bin", contentType: "application/octet-stream", data: "A".repeat(4 * 1024 * 1024) }] },
      ["attachments"],
    ],
  ])("refuses %s before sending", async (_name, extra, path) => {
    const err = await runNode(loopsSendTransactional, ctx(), { transactionalId: welcome, email: "a@b.co", ...extra }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).path).toEqual(path);
    expect(fake.requests).toHaveLength(0);
  });
});

describe("loops.event.send", () => {
  it("posts the event with its properties, contact properties at the top level and an Idempotency-Key", async () => {
    const out = await runNode(loopsSendEvent, ctx(), {
      eventName: "signup",
      email: "ada@example.com",
      userId: "u_1",
      eventProperties: { plan: "pro", seats: 2, trial: true },
      contactProperties: { company: "Analytical Engines" },
      mailingLists: { cm_news: true },
      idempotencyKey: "evt-1",
    });
    const req = fake.requests[0]!;
    expect(req).toMatchObject({ method: "POST", path: "/api/v1/events/send" });
    expect(req.headers).toMatchObject({ authorization: "Bearer d2d561f5ff80136f69b4b5a31b9fb3c9", "idempotency-key": "evt-1" });
    expect(req.body).toEqual({
      eventName: "signup",
      email: "ada@example.com",
      userId: "u_1",
      eventProperties: { plan: "pro", seats: 2, trial: true },
      company: "Analytical Engines",
      mailingLists: { cm_news: true },
    });
    expect(out).toEqual({ sent: true, alreadySent: false, idempotencyKey: "evt-1" });
    expect(fake.events).toHaveLength(1);
    expect(fake.findContact({ email: "ada@example.com" })).toMatchObject({
      company: "Analytical Engines",
      mailingLists: { cm_news: true },
    });
  });

  it.each([
    ["no email or user id", { eventName: "x" }, ["email"]],
    [
      "an object as an event property",
      { eventName: "x", email: "a@b.co", eventProperties: { nested: { a: 1 } } },
      ["eventProperties", "nested"],
    ],
    [
      "an event property over 500 characters",
      { eventName: "x", email: "a@b.co", eventProperties: { note: "n".repeat(501) } },
      ["eventProperties", "note"],
    ],
  ])("refuses %s before sending", async (_name, config, path) => {
    const err = await runNode(loopsSendEvent, ctx(), config).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).path).toEqual(path);
    expect(fake.requests).toHaveLength(0);
  });
});
